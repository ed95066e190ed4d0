import { darken, lighten, mix } from "./color";
import { type Canvas, n, vertical } from "./svg-kit";

/** Things that fly or float. Each is drawn around (0, 0) and placed by a transform. */

/** Sizes follow the picture's area, so portrait and landscape frames get the same scale. */
const unit = (c: Canvas) => Math.sqrt(c.w * c.h);
const dusk = (c: Canvas, color: string) => (c.scene.time === "day" ? color : mix(color, c.scene.palette.skyTop, 0.35));

export function airship(c: Canvas): string {
  const { w, horizon, rng, scene } = c;
  const color = dusk(c, scene.colors.airship ?? rng.pick(["#b8453b", "#b98c4e", "#8d9aaa", "#d6c4a0"]));
  const len = Math.min(w * 0.8, unit(c) * rng.range(0.22, 0.32));
  const rx = len / 2;
  const ry = len * 0.17;
  const x = rng.range(w * 0.25, w * 0.75);
  const y = horizon * rng.range(0.25, 0.55);
  const flip = rng.chance(0.5) ? -1 : 1;
  const body = vertical(c, [
    [0, lighten(color, 0.35)],
    [0.45, color],
    [1, darken(color, 0.45)],
  ]);
  const dark = darken(color, 0.55);
  let out =
    `<path d="M${n(rx * 0.7)} 0L${n(rx * 1.08)} ${n(-ry * 1.2)}L${n(rx * 1.12)} ${n(-ry * 0.2)}Z` +
    `M${n(rx * 0.7)} 0L${n(rx * 1.08)} ${n(ry * 1.2)}L${n(rx * 1.12)} ${n(ry * 0.2)}Z" fill="${dark}"/>`;
  out += `<ellipse rx="${n(rx)}" ry="${n(ry)}" fill="${body}"/>`;
  for (let i = 1; i < 5; i++) {
    out += `<ellipse rx="${n(rx * (1 - i * 0.2))}" ry="${n(ry)}" fill="none" stroke="${dark}" stroke-opacity="0.25" stroke-width="1.2"/>`;
  }
  const gw = len * 0.2;
  const gy = ry * 1.35;
  out += `<path d="M${n(-gw * 0.4)} ${n(ry * 0.9)}L${n(-gw * 0.3)} ${n(gy)}M${n(gw * 0.4)} ${n(ry * 0.9)}L${n(gw * 0.3)} ${n(gy)}" stroke="${dark}" stroke-width="1.5"/>`;
  out += `<rect x="${n(-gw / 2)}" y="${n(gy)}" width="${n(gw)}" height="${n(ry * 0.35)}" rx="${n(ry * 0.1)}" fill="${dark}"/>`;
  out += `<rect x="${n(-gw * 0.4)}" y="${n(gy + ry * 0.1)}" width="${n(gw * 0.8)}" height="${n(ry * 0.08)}" fill="#ffd98a" fill-opacity="${scene.time === "day" ? 0.4 : 0.9}"/>`;
  return `<g transform="translate(${n(x)} ${n(y)}) scale(${flip} 1)">${out}</g>`;
}

/** An envelope of gores: the same shape squeezed narrower in alternating colours. */
export function balloons(c: Canvas): string {
  const { w, horizon, rng, scene } = c;
  const count = rng.int(1, 4);
  const first = scene.colors.balloon ?? scene.palette.accent;
  let out = "";
  for (let i = 0; i < count; i++) {
    const r = unit(c) * rng.range(0.025, 0.055) * (i === 0 ? 1.4 : 1);
    const x = rng.range(w * 0.1, w * 0.9);
    const y = horizon * rng.range(0.2, 0.7);
    const a = dusk(c, i === 0 ? first : rng.pick(["#e0553a", "#f2b33d", "#3f8fd0", "#7d3cb5", "#2ea37a", first]));
    const b = lighten(a, 0.55);
    const env =
      `M${n(-r * 0.22)} ${n(r * 1.05)}C${n(-r * 1.35)} ${n(r * 0.25)} ${n(-r * 1.15)} ${n(-r * 1.1)} 0 ${n(-r * 1.1)}` +
      `C${n(r * 1.15)} ${n(-r * 1.1)} ${n(r * 1.35)} ${n(r * 0.25)} ${n(r * 0.22)} ${n(r * 1.05)}Z`;
    let g = "";
    for (const [k, sx] of [1, 0.7, 0.4, 0.12].entries())
      g += `<path d="${env}" transform="scale(${sx} 1)" fill="${k % 2 ? b : a}"/>`;
    const dark = darken(a, 0.6);
    g += `<path d="M${n(-r * 0.2)} ${n(r * 1.05)}L${n(-r * 0.15)} ${n(r * 1.35)}M${n(r * 0.2)} ${n(r * 1.05)}L${n(r * 0.15)} ${n(r * 1.35)}" stroke="${dark}" stroke-width="1"/>`;
    g += `<rect x="${n(-r * 0.17)}" y="${n(r * 1.35)}" width="${n(r * 0.34)}" height="${n(r * 0.25)}" fill="${dark}"/>`;
    out += `<g transform="translate(${n(x)} ${n(y)})">${g}</g>`;
  }
  return out;
}

export function ship(c: Canvas): string {
  const { w, h, horizon, rng, scene } = c;
  const s = unit(c) * rng.range(0.06, 0.09);
  const x = rng.range(w * 0.15, w * 0.85);
  const y = horizon + (h - horizon) * rng.range(0.15, 0.4);
  const hull = dusk(c, scene.colors.ship ?? rng.pick(["#5a3826", "#2d3340", "#8c2f2a"]));
  const sail = dusk(c, rng.pick(["#f4efe2", "#efe2c4", "#f7f4ee"]));
  let g = `<ellipse cx="0" cy="${n(s * 0.12)}" rx="${n(s * 1.1)}" ry="${n(s * 0.07)}" fill="#000" fill-opacity="0.2"/>`;
  g += `<path d="M${n(-s)} 0L${n(s)} 0L${n(s * 0.7)} ${n(s * 0.16)}L${n(-s * 0.75)} ${n(s * 0.16)}Z" fill="${hull}"/>`;
  g += `<rect x="-1" y="${n(-s * 1.3)}" width="2" height="${n(s * 1.3)}" fill="${darken(hull, 0.3)}"/>`;
  g += `<path d="M2 ${n(-s * 1.25)}L${n(s * 0.75)} ${n(-s * 0.1)}L2 ${n(-s * 0.1)}Z" fill="${sail}"/>`;
  g += `<path d="M-2 ${n(-s * 1.05)}L${n(-s * 0.6)} ${n(-s * 0.12)}L-2 ${n(-s * 0.12)}Z" fill="${mix(sail, "#000000", 0.12)}"/>`;
  return `<g transform="translate(${n(x)} ${n(y)})">${g}</g>`;
}

export function birds(c: Canvas): string {
  const { w, horizon, rng, scene } = c;
  const cx = rng.range(w * 0.2, w * 0.8);
  const cy = horizon * rng.range(0.2, 0.6);
  let d = "";
  for (let i = rng.int(3, 8); i > 0; i--) {
    const s = unit(c) * rng.range(0.006, 0.014);
    const x = cx + rng.range(-w * 0.12, w * 0.12);
    const y = cy + rng.range(-horizon * 0.1, horizon * 0.1);
    d += `M${n(x - s)} ${n(y - s * 0.2)}Q${n(x - s * 0.5)} ${n(y - s * 0.7)} ${n(x)} ${n(y)}Q${n(x + s * 0.5)} ${n(y - s * 0.7)} ${n(x + s)} ${n(y - s * 0.2)}`;
  }
  const ink = scene.colors.birds ?? darken(scene.palette.skyTop, 0.5);
  return `<path d="${d}" fill="none" stroke="${ink}" stroke-width="${n(Math.max(1.2, w * 0.0018))}" stroke-linecap="round"/>`;
}
