import type { Rng } from "./prng";
import type { Scene } from "./scene";

/** Everything a layer needs to draw itself; `defs` collects gradients and clips. */
export type Canvas = {
  w: number;
  h: number;
  /** Where the sky meets land or sea, in pixels from the top. */
  horizon: number;
  scene: Scene;
  rng: Rng;
  defs: string[];
  /** Where the sun or moon sits, so glow and reflections line up. */
  light: { x: number; y: number; r: number };
  nextId: () => string;
};

/** One decimal is plenty at these sizes and keeps the SVG short. */
export const n = (value: number) => String(Math.round(value * 10) / 10);

/** A vertical gradient from `top` to `bottom`; returns `url(#id)`. */
export function vertical(c: Canvas, stops: Array<[offset: number, color: string, opacity?: number]>): string {
  const id = c.nextId();
  const body = stops
    .map(([o, color, op]) => `<stop offset="${o}" stop-color="${color}"${op === undefined ? "" : ` stop-opacity="${op}"`}/>`)
    .join("");
  c.defs.push(`<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${body}</linearGradient>`);
  return `url(#${id})`;
}

/** Heights across the width by midpoint displacement: a jagged, natural ridge. */
export function ridge(rng: Rng, base: number, amplitude: number, roughness = 0.55, depth = 6): number[] {
  const count = 2 ** depth + 1;
  const ys = new Array<number>(count).fill(0);
  ys[0] = rng.range(0.2, 0.8);
  ys[count - 1] = rng.range(0.2, 0.8);
  let spread = 0.9;
  for (let step = count - 1; step > 1; step /= 2) {
    for (let i = step / 2; i < count; i += step) {
      ys[i] = (ys[i - step / 2] + ys[i + step / 2]) / 2 + rng.range(-spread, spread) / 2;
    }
    spread *= roughness;
  }
  const min = Math.min(...ys);
  const max = Math.max(...ys);
  return ys.map((y) => base - ((y - min) / (max - min || 1)) * amplitude);
}

/** Gentle rolling heights: a few sines with random phases, rising at most `amplitude` above `base`. */
export function rolling(rng: Rng, base: number, amplitude: number, waves = 3, count = 33): number[] {
  const weights = Array.from({ length: waves }, (_, i) => 1 / (i + 1.2));
  const total = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight, i) => ({
    freq: (i + 1) * rng.range(0.6, 1.4),
    phase: rng.range(0, Math.PI * 2),
    amp: (amplitude * weight) / total,
  }));
  return Array.from({ length: count }, (_, i) => {
    const t = (i / (count - 1)) * Math.PI * 2;
    return base - parts.reduce((sum, p) => sum + p.amp * (0.5 + 0.5 * Math.sin(t * p.freq + p.phase)), 0);
  });
}

/** A closed shape: heights spread over the width, filled down to `bottom`. */
export function skyline(ys: number[], w: number, bottom: number, smooth = false): string {
  const step = w / (ys.length - 1);
  const pts = ys.map((y, i) => [i * step, y] as const);
  let d = `M0 ${n(bottom)}L0 ${n(pts[0][1])}`;
  if (!smooth) d += pts.map(([x, y]) => `L${n(x)} ${n(y)}`).join("");
  else {
    // Quadratic curves through the midpoints give a smooth line with no overshoot.
    for (let i = 1; i < pts.length - 1; i++) {
      const [x, y] = pts[i];
      const [x2, y2] = pts[i + 1];
      d += `Q${n(x)} ${n(y)} ${n((x + x2) / 2)} ${n((y + y2) / 2)}`;
    }
    d += `L${n(w)} ${n(pts[pts.length - 1][1])}`;
  }
  return `${d}L${n(w)} ${n(bottom)}Z`;
}

/** Height of a `ys` line at horizontal position x. */
export function heightAt(ys: number[], w: number, x: number): number {
  const t = Math.max(0, Math.min(1, x / w)) * (ys.length - 1);
  const i = Math.min(ys.length - 2, Math.floor(t));
  return ys[i] + (ys[i + 1] - ys[i]) * (t - i);
}
