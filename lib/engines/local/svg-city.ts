import { lighten, mix } from "./color";
import { type Canvas, n } from "./svg-kit";
import { CONCRETE, shade } from "./svg-land";

/** Two rows of towers on the horizon; lit windows when the light is low. */
export function city(c: Canvas): string {
  const { w, h, horizon, rng, scene } = c;
  const base = shade(c, CONCRETE, scene.colors.city);
  const lit = scene.time !== "day";
  const windowColor = mix("#ffd98a", scene.palette.accent, 0.2);
  let out = "";
  let windows = "";
  for (let row = 0; row < 2; row++) {
    const color = mix(base, scene.palette.haze, row === 0 ? 0.45 : 0.05);
    let d = "";
    for (let x = rng.range(-w * 0.04, 0); x < w; ) {
      const bw = w * rng.range(0.025, 0.07);
      const bh = h * rng.range(0.06, 0.24) * (row === 0 ? 1.3 : 1) * (rng.chance(0.12) ? 1.6 : 1);
      const top = horizon - bh;
      d += `M${n(x)} ${n(horizon + 2)}V${n(top)}H${n(x + bw)}V${n(horizon + 2)}Z`;
      if (bh > h * 0.22) d += `M${n(x + bw / 2 - 1)} ${n(top)}v${n(-h * 0.04)}h2v${n(h * 0.04)}Z`;
      if (row === 1 && (lit || rng.chance(0.3))) windows += windowGrid(c, x, top, bw, lit ? 0.35 : 0.15);
      x += bw + w * rng.range(0, 0.012);
    }
    out += `<path d="${d}" fill="${color}"/>`;
  }
  return `${out}<path d="${windows}" fill="${lit ? windowColor : lighten(base, 0.35)}" fill-opacity="${lit ? 0.9 : 0.35}"/>`;
}

function windowGrid(c: Canvas, x: number, top: number, bw: number, odds: number): string {
  const cell = Math.max(6, c.h * 0.011);
  let d = "";
  for (let wy = top + cell; wy < c.horizon - cell; wy += cell * 1.6) {
    for (let wx = x + cell * 0.6; wx < x + bw - cell; wx += cell * 1.3) {
      if (c.rng.chance(odds)) d += `M${n(wx)} ${n(wy)}h${n(cell * 0.6)}v${n(cell * 0.8)}h${n(-cell * 0.6)}Z`;
    }
  }
  return d;
}
