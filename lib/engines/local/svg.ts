import type { Rng } from "./prng";
import type { Scene } from "./scene";
import { city } from "./svg-city";
import { airship, balloons, birds, ship } from "./svg-craft";
import { type Canvas, n, rolling } from "./svg-kit";
import { forest, ground, hills, mountains, sea, shore } from "./svg-land";
import { celestial, clouds, sky, snowfall, stars } from "./svg-sky";

/**
 * Scene → SVG, painter's order: sky, light, far land, water or ground, near
 * land, things in the air, then a vignette. Kept to a few hundred elements and
 * no blur filters, because librsvg's cost grows with filtered area.
 */
export function sceneToSvg(scene: Scene, rng: Rng, w: number, h: number): string {
  const has = (f: Parameters<typeof scene.features.has>[0]) => scene.features.has(f);
  const horizon = h * (has("sea") ? rng.range(0.52, 0.64) : rng.range(0.55, 0.7));
  const low = scene.time === "golden" || scene.time === "dawn";
  const moonOnly = has("moon") && !has("sun");
  const light = {
    x: w * rng.range(0.15, 0.85),
    y: horizon * (low ? rng.range(0.6, 0.88) : rng.range(0.15, 0.45)),
    r: Math.min(w, h) * (moonOnly ? 0.045 : low ? 0.07 : 0.05) * rng.range(0.85, 1.15),
  };
  let id = 0;
  const c: Canvas = { w, h, horizon, scene, rng, defs: [], light, nextId: () => `g${id++}` };

  const parts: string[] = [sky(c)];
  if (has("stars")) parts.push(stars(c));
  parts.push(celestial(c));
  if (has("clouds")) parts.push(clouds(c));
  if (has("mountains")) parts.push(mountains(c));
  if (has("forest")) parts.push(forest(c, rolling(rng, horizon + 3, h * 0.01), h * 0.05, 0.5));
  if (has("city")) parts.push(city(c));
  if (has("sea")) {
    parts.push(sea(c));
    if (has("ship")) parts.push(ship(c));
    if (has("desert")) parts.push(hills(c, "desert", h - (h - horizon) * 0.35));
    else if (has("forest") || has("hills")) parts.push(shore(c));
  } else {
    parts.push(ground(c));
    if (has("forest")) {
      const line = rolling(rng, horizon + (h - horizon) * 0.3, (h - horizon) * 0.15);
      parts.push(forest(c, line, h * 0.09, 0.2));
    }
    // Rolling ground in front unless the scene is a bare city street.
    const paved = has("city") && !has("forest") && !has("hills");
    const kind = has("desert") ? "desert" : has("hills") ? "hills" : has("snow") ? "snow" : paved ? undefined : "hills";
    if (kind) parts.push(hills(c, kind, horizon + (h - horizon) * (has("forest") ? 0.45 : 0.1)));
  }
  if (has("balloon")) parts.push(balloons(c));
  if (has("airship")) parts.push(airship(c));
  if (has("birds")) parts.push(birds(c));
  if (has("snow") && rng.chance(0.6)) parts.push(snowfall(c));
  parts.push(vignette(c), mark(w, h));

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<defs>${c.defs.join("")}</defs>${parts.join("")}</svg>`
  );
}

function vignette(c: Canvas): string {
  const id = c.nextId();
  c.defs.push(
    `<radialGradient id="${id}" cx="0.5" cy="0.45" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/>` +
      `<stop offset="1" stop-color="#000" stop-opacity="0.38"/></radialGradient>`,
  );
  return `<rect width="${c.w}" height="${c.h}" fill="url(#${id})"/>`;
}

/** Says plainly what the picture is: a local preview, not a model's output. */
function mark(w: number, h: number): string {
  const size = Math.round(Math.max(11, Math.min(w, h) * 0.015));
  const textW = size * 0.6 * 13;
  const pad = size * 0.6;
  const x = w - pad * 2;
  const y = h - pad * 2;
  return (
    `<rect x="${n(x - textW - pad)}" y="${n(y - size - pad * 0.5)}" width="${n(textW + pad * 2)}" height="${n(size + pad * 1.4)}" rx="${n(size * 0.6)}" fill="#000" fill-opacity="0.28"/>` +
    `<text x="${n(x)}" y="${n(y)}" font-family="DejaVu Sans, sans-serif" font-size="${size}" fill="#fff" fill-opacity="0.75" text-anchor="end">local preview</text>`
  );
}
