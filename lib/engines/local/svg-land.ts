import { darken, lighten, mix } from "./color";
import type { TimeOfDay } from "./scene";
import { type Canvas, heightAt, n, ridge, rolling, skyline, vertical } from "./svg-kit";

/** Land, water and buildings, drawn back to front. Far layers fade into the haze. */

export type Shades = Record<TimeOfDay, string>;
const ROCK: Shades = { day: "#4d6480", golden: "#5b3c60", dawn: "#6a5d86", night: "#1b2142" };
const GRASS: Shades = { day: "#5d9a4c", golden: "#6e6a3a", dawn: "#6f8a63", night: "#15263a" };
const PINE: Shades = { day: "#2c563a", golden: "#33292f", dawn: "#3c4a4c", night: "#0b1524" };
const SAND: Shades = { day: "#e2b272", golden: "#d98a52", dawn: "#e4b394", night: "#3b3150" };
const SNOW: Shades = { day: "#eef3fa", golden: "#f6d9cf", dawn: "#f2e4ea", night: "#8f9bc2" };
export const CONCRETE: Shades = { day: "#5a6a80", golden: "#3a2e4c", dawn: "#5d5872", night: "#10152b" };
const WATER: Shades = { day: "#2a6aa0", golden: "#4a3768", dawn: "#6576a6", night: "#0a1430" };

export const shade = (c: Canvas, table: Shades, named?: string) =>
  named ? mix(named, table[c.scene.time], 0.25) : table[c.scene.time];

export function mountains(c: Canvas): string {
  const { w, h, horizon, rng, scene } = c;
  const snowy = scene.features.has("snow") || rng.chance(0.35);
  const base = shade(c, ROCK, scene.colors.mountains);
  const layers = 3;
  let out = "";
  for (let i = 0; i < layers; i++) {
    const depth = 1 - i / layers; // 1 = farthest
    const foot = scene.features.has("sea") ? horizon + 2 : horizon + i * h * 0.035;
    const amp = h * (0.12 + 0.22 * depth) * rng.range(0.75, 1.15);
    const ys = ridge(rng, foot, amp, rng.range(0.5, 0.62));
    const color = mix(base, c.scene.palette.haze, 0.62 * depth);
    const fill = vertical(c, [
      [0, color],
      [1, mix(color, scene.palette.haze, 0.45)],
    ]);
    const d = skyline(ys, w, foot + h * 0.02);
    out += `<path d="${d}" fill="${fill}"/>`;
    if (snowy && i < 2) out += snowCaps(c, d, ys, amp, depth);
  }
  return out;
}

/** A jagged snow line clipped to the ridge, so only the peaks turn white. */
function snowCaps(c: Canvas, ridgePath: string, ys: number[], amp: number, depth: number): string {
  const { w, rng } = c;
  const id = c.nextId();
  c.defs.push(`<clipPath id="${id}"><path d="${ridgePath}"/></clipPath>`);
  const line = Math.min(...ys) + amp * rng.range(0.3, 0.45);
  const pts = Array.from({ length: 40 }, (_, i) => `L${n((i / 39) * w)} ${n(line + rng.range(-1, 1) * amp * 0.08)}`);
  const color = mix(SNOW[c.scene.time], c.scene.palette.haze, 0.35 * depth);
  return `<path clip-path="url(#${id})" d="M0 0${pts.join("")}L${n(w)} 0Z" fill="${color}" fill-opacity="0.92"/>`;
}

/** The plain under everything when there is no sea. */
export function ground(c: Canvas): string {
  const { w, h, horizon, scene } = c;
  const has = (f: Parameters<typeof scene.features.has>[0]) => scene.features.has(f);
  const paved = has("city") && !has("hills") && !has("forest");
  const table = has("snow") ? SNOW : has("desert") ? SAND : paved ? CONCRETE : GRASS;
  const color = paved ? darken(shade(c, table), 0.3) : shade(c, table, scene.colors.hills);
  const fill = vertical(c, [
    [0, mix(color, scene.palette.haze, 0.5)],
    [1, darken(color, 0.25)],
  ]);
  return `<rect x="0" y="${n(horizon)}" width="${w}" height="${n(h - horizon)}" fill="${fill}"/>`;
}

/** Rolling hills (or dunes, or snowfields) from the horizon to the bottom edge. */
export function hills(c: Canvas, kind: "hills" | "desert" | "snow", fromY: number): string {
  const { w, h, rng, scene } = c;
  const table = kind === "desert" ? SAND : kind === "snow" ? SNOW : GRASS;
  const color = shade(c, table, scene.colors[kind === "snow" ? "hills" : kind]);
  const layers = 3;
  let out = "";
  for (let i = 0; i < layers; i++) {
    const depth = 1 - i / layers;
    const base = fromY + (h - fromY) * (0.15 + i * 0.28);
    const amp = (h - fromY) * rng.range(0.4, 0.7) * (scene.features.has("mountains") ? 0.55 : 1);
    const ys = rolling(rng, base, amp, kind === "desert" ? 2 : 3);
    const near = mix(color, scene.palette.haze, 0.5 * depth);
    const lit = kind === "desert" ? lighten(near, 0.15) : near;
    const fill = vertical(c, [
      [0, lit],
      [1, darken(near, 0.22)],
    ]);
    out += `<path d="${skyline(ys, w, h + 2, true)}" fill="${fill}"/>`;
  }
  return out;
}

/** A row of layered pines standing on the line `ys`. */
export function forest(c: Canvas, ys: number[], size: number, hazeAmount: number, maxY = Infinity): string {
  const { w, rng, scene } = c;
  const color = mix(shade(c, PINE, scene.colors.forest), scene.palette.haze, hazeAmount);
  let d = "";
  for (let x = -size; x < w + size; x += size * rng.range(0.35, 0.7)) {
    const th = size * rng.range(0.7, 1.35);
    const tw = th * rng.range(0.32, 0.42);
    const y0 = heightAt(ys, w, x) + size * 0.1;
    if (y0 > maxY) continue;
    for (let tier = 0; tier < 3; tier++) {
      const top = y0 - th + tier * th * 0.22;
      const bottom = y0 - th * 0.55 + tier * th * 0.25;
      const half = tw * (0.55 + tier * 0.25);
      d += `M${n(x)} ${n(top)}L${n(x + half)} ${n(bottom)}L${n(x - half)} ${n(bottom)}Z`;
    }
    d += `M${n(x - size * 0.03)} ${n(y0 - th * 0.1)}h${n(size * 0.06)}V${n(y0)}h${n(-size * 0.06)}Z`;
  }
  return `<path d="${d}" fill="${color}"/>`;
}

/** Water from the horizon down, with a glitter path under the sun or moon. */
export function sea(c: Canvas): string {
  const { w, h, horizon, rng, scene, light } = c;
  const color = shade(c, WATER, scene.colors.sea);
  const fill = vertical(c, [
    [0, mix(scene.palette.skyHorizon, color, 0.45)],
    [0.35, color],
    [1, darken(color, 0.45)],
  ]);
  let out = `<rect x="0" y="${n(horizon)}" width="${w}" height="${n(h - horizon)}" fill="${fill}"/>`;
  let waves = "";
  for (let i = 0; i < 70; i++) {
    const t = rng.next() ** 1.6; // crowd the waves towards the horizon, as perspective does
    const y = horizon + 4 + t * (h - horizon);
    const len = w * (0.01 + 0.05 * t) * rng.range(0.5, 1.5);
    waves += `M${n(rng.range(-len, w))} ${n(y)}h${n(len)}`;
  }
  out += `<path d="${waves}" stroke="${lighten(color, 0.35)}" stroke-width="${n(Math.max(1, h * 0.0018))}" stroke-opacity="0.35" fill="none"/>`;
  const glowId = c.nextId();
  c.defs.push(
    `<radialGradient id="${glowId}"><stop offset="0" stop-color="${scene.palette.light}" stop-opacity="0.45"/><stop offset="1" stop-color="${scene.palette.light}" stop-opacity="0"/></radialGradient>`,
  );
  out += `<ellipse cx="${n(light.x)}" cy="${n(horizon)}" rx="${n(light.r * 3)}" ry="${n((h - horizon) * 0.8)}" fill="url(#${glowId})"/>`;
  let glitter = "";
  for (let i = 0; i < 60; i++) {
    const t = rng.next() ** 1.5;
    const y = horizon + 2 + t * (h - horizon) * 0.95;
    const half = light.r * rng.range(0.15, 0.7) * (0.5 + t * 1.5);
    const x = light.x + rng.range(-1, 1) * light.r * (0.4 + t * 1.6);
    glitter += `M${n(x - half)} ${n(y)}h${n(half * 2)}v${n(Math.max(1, h * 0.003 * (0.3 + t)))}h${n(-half * 2)}Z`;
  }
  out += `<path d="${glitter}" fill="${scene.palette.light}" fill-opacity="${scene.time === "day" ? 0.4 : 0.6}"/>`;
  return `${out}<rect x="0" y="${n(horizon)}" width="${w}" height="${n(Math.max(1, h * 0.002))}" fill="${scene.palette.light}" fill-opacity="0.35"/>`;
}

/** A dark wooded bank in one lower corner, framing a water scene. */
export function shore(c: Canvas): string {
  const { w, h, horizon, rng, scene } = c;
  const reach = w * rng.range(0.3, 0.5);
  const top = (h - horizon) * rng.range(0.3, 0.5);
  let ys = Array.from({ length: 33 }, (_, i) => {
    const bump = Math.max(0, 1 - (i / 32) * (w / reach));
    return h + 4 - top * bump ** 0.6 * rng.range(0.92, 1.05);
  });
  if (rng.chance(0.5)) ys = ys.reverse();
  const color = darken(shade(c, GRASS, scene.colors.hills), 0.35);
  const bank = `<path d="${skyline(ys, w, h + 4, true)}" fill="${color}"/>`;
  return bank + (scene.features.has("forest") ? forest(c, ys, h * 0.12, 0, h - h * 0.02) : "");
}
