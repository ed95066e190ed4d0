import { lighten, mix } from "./color";
import type { TimeOfDay } from "./scene";
import { type Canvas, n, vertical } from "./svg-kit";

/** Sky, light, stars, clouds and falling snow. Soft looks come from gradients, never blur filters. */

export function sky(c: Canvas): string {
  const p = c.scene.palette;
  const ratio = c.horizon / c.h;
  const fill = vertical(c, [
    [0, p.skyTop],
    [ratio * 0.6, p.skyMid],
    [ratio, p.skyHorizon],
    [1, p.skyHorizon],
  ]);
  return `<rect width="${c.w}" height="${c.h}" fill="${fill}"/>`;
}

/** A wide radial glow around the sun or moon, then the disc itself. */
export function celestial(c: Canvas): string {
  const { light, scene, rng } = c;
  const glowId = c.nextId();
  const strength = scene.time === "night" ? 0.28 : scene.time === "day" ? 0.45 : 0.7;
  c.defs.push(
    `<radialGradient id="${glowId}"><stop offset="0" stop-color="${scene.palette.light}" stop-opacity="${strength}"/>` +
      `<stop offset="0.25" stop-color="${scene.palette.light}" stop-opacity="${n(strength * 0.35)}"/>` +
      `<stop offset="1" stop-color="${scene.palette.light}" stop-opacity="0"/></radialGradient>`,
  );
  const glowR = Math.max(c.w, c.h) * (scene.time === "night" ? 0.35 : 0.6);
  let out = `<circle cx="${n(light.x)}" cy="${n(light.y)}" r="${n(glowR)}" fill="url(#${glowId})"/>`;
  if (scene.features.has("moon") && !scene.features.has("sun")) {
    out += `<circle cx="${n(light.x)}" cy="${n(light.y)}" r="${n(light.r)}" fill="${scene.palette.light}"/>`;
    for (let i = 0; i < 5; i++) {
      const a = rng.range(0, Math.PI * 2);
      const d = rng.range(0, light.r * 0.6);
      const r = light.r * rng.range(0.08, 0.22);
      out += `<circle cx="${n(light.x + Math.cos(a) * d)}" cy="${n(light.y + Math.sin(a) * d)}" r="${n(r)}" fill="#b9b6a6" fill-opacity="0.35"/>`;
    }
    return out;
  }
  const discId = c.nextId();
  c.defs.push(
    `<radialGradient id="${discId}"><stop offset="0" stop-color="#ffffff"/><stop offset="0.7" stop-color="${scene.palette.light}"/>` +
      `<stop offset="1" stop-color="${mix(scene.palette.light, scene.palette.accent, 0.2)}"/></radialGradient>`,
  );
  return `${out}<circle cx="${n(light.x)}" cy="${n(light.y)}" r="${n(light.r)}" fill="url(#${discId})"/>`;
}

export function stars(c: Canvas): string {
  const { w, horizon, rng } = c;
  const count = Math.round((w * horizon) / 5000);
  let out = "";
  for (let i = 0; i < count; i++) {
    const y = horizon * rng.next() ** 1.3;
    const r = rng.chance(0.08) ? rng.range(1.4, 2.2) : rng.range(0.5, 1.2);
    out += `<circle cx="${n(rng.range(0, w))}" cy="${n(y)}" r="${n(r)}" fill="#fffbe8" fill-opacity="${n(rng.range(0.35, 1) * (1 - (y / horizon) * 0.6))}"/>`;
  }
  return out;
}

const CLOUD: Record<TimeOfDay, [top: string, bottom: string]> = {
  day: ["#ffffff", "#c9d5e4"],
  golden: ["#ffd4ad", "#8a5476"],
  dawn: ["#fff1ee", "#c9a6bd"],
  night: ["#46507e", "#1b2146"],
};

/** Cumulus puffs: overlapping ellipses on a flat base, shaded top to bottom. */
export function clouds(c: Canvas): string {
  const { w, horizon, rng, scene } = c;
  let [top, bottom] = CLOUD[scene.time];
  if (scene.colors.clouds) [top, bottom] = [mix(top, scene.colors.clouds, 0.4), mix(bottom, scene.colors.clouds, 0.5)];
  const fill = vertical(c, [
    [0, top],
    [1, bottom],
  ]);
  const count = rng.int(3, 6);
  let out = "";
  for (let i = 0; i < count; i++) {
    const depth = rng.next();
    const cw = w * (0.12 + 0.22 * depth);
    const cx = rng.range(-cw * 0.3, w + cw * 0.3);
    const cy = horizon * (0.12 + 0.6 * (1 - depth) * rng.next()) + cw * 0.05;
    let puffs = "";
    const parts = rng.int(4, 7);
    for (let j = 0; j < parts; j++) {
      const t = (j + 0.5) / parts;
      const rx = cw * rng.range(0.12, 0.22) * (1 - Math.abs(t - 0.5));
      const ry = rx * rng.range(0.75, 1.05);
      puffs += `<ellipse cx="${n(cx - cw / 2 + t * cw)}" cy="${n(cy - ry * 0.45)}" rx="${n(rx * 1.4)}" ry="${n(ry)}"/>`;
    }
    puffs += `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(cw * 0.52)}" ry="${n(cw * 0.06)}"/>`;
    out += `<g fill="${fill}" opacity="${n(0.55 + 0.4 * depth)}">${puffs}</g>`;
  }
  return out;
}

export function snowfall(c: Canvas): string {
  const { w, h, rng } = c;
  const count = Math.round((w * h) / 7000);
  let d = "";
  for (let i = 0; i < count; i++) {
    const r = rng.range(0.8, 3);
    const x = rng.range(0, w);
    const y = rng.range(0, h);
    d += `M${n(x - r)} ${n(y)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`;
  }
  return `<path d="${d}" fill="${lighten(c.scene.palette.haze, 0.8)}" fill-opacity="0.8"/>`;
}
