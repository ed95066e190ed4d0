import { mix, NAMED_COLORS, shiftHue } from "./color";
import type { Rng } from "./prng";

/**
 * Prompt → what the picture shows. Words pick the elements, the time of day
 * and colours; the seeded Rng fills in whatever the prompt leaves open, so two
 * seeds of one prompt give two different takes on the same scene.
 */

export type Feature =
  | "sea"
  | "mountains"
  | "hills"
  | "city"
  | "forest"
  | "desert"
  | "snow"
  | "clouds"
  | "stars"
  | "sun"
  | "moon"
  | "airship"
  | "balloon"
  | "ship"
  | "birds";
export type TimeOfDay = "day" | "golden" | "dawn" | "night";
/** Things a colour word can attach to: an element, or the sky itself. */
export type Target = Feature | "sky";

export type Palette = {
  skyTop: string;
  skyMid: string;
  skyHorizon: string;
  /** What distant layers fade into. */
  haze: string;
  /** The sun or moon. */
  light: string;
  accent: string;
};

export type Scene = {
  time: TimeOfDay;
  features: ReadonlySet<Feature>;
  /** Colours the prompt named right before an element ("red airship"). */
  colors: Partial<Record<Target, string>>;
  palette: Palette;
};

const WORDS: Record<string, Target> = {};
const word = (target: Target, list: string) => {
  for (const w of list.split(" ")) WORDS[w] = target;
};
word("sea", "sea ocean water lake bay beach coast coastal harbor harbour wave shore seaside lagoon river");
word("mountains", "mountain peak alps alpine cliff volcano ridge");
word("hills", "hill meadow valley field countryside grass prairie");
word("city", "city skyline building town metropolis skyscraper downtown urban cyberpunk tower");
word("forest", "forest tree trees wood woods woodland pine jungle grove");
word("desert", "desert dune sand sandy sahara canyon");
word("snow", "snow snowy winter ice icy frozen glacier arctic frost blizzard");
word("clouds", "cloud cloudy storm stormy overcast fog foggy mist misty");
word("stars", "star starry galaxy constellation");
word("sun", "sun sunny sunlight");
word("moon", "moon moonlit moonlight crescent lunar");
word("airship", "airship zeppelin blimp dirigible steampunk");
word("balloon", "balloon");
word("ship", "ship boat sailboat sail yacht galleon");
word("birds", "bird gull seagull crow eagle flock");
word("sky", "sky skies heaven");

const TIMES: Record<string, TimeOfDay> = {};
const time = (t: TimeOfDay, list: string) => {
  for (const w of list.split(" ")) TIMES[w] = t;
};
time("night", "night nighttime midnight starry moonlit moonlight galaxy nebula dark");
time("golden", "sunset dusk evening twilight golden");
time("dawn", "sunrise dawn morning");
time("day", "day daytime noon sunny afternoon bright");

const BASE: Record<TimeOfDay, Omit<Palette, "accent">> = {
  day: { skyTop: "#2f6fc9", skyMid: "#72a9e6", skyHorizon: "#d9ebf8", haze: "#c9def0", light: "#fff7dc" },
  golden: { skyTop: "#2a2a5e", skyMid: "#b9557f", skyHorizon: "#ffb066", haze: "#e99a7c", light: "#ffe6a6" },
  dawn: { skyTop: "#46599a", skyMid: "#e39db3", skyHorizon: "#ffe1c4", haze: "#e8c3c6", light: "#fff2d8" },
  night: { skyTop: "#050a1e", skyMid: "#141d48", skyHorizon: "#343b72", haze: "#262c58", light: "#f3f0df" },
};

const LAND: Feature[] = ["sea", "mountains", "hills", "city", "forest", "desert", "snow"];
const DEFAULT_LANDS: Feature[][] = [
  ["mountains"],
  ["hills", "forest"],
  ["sea"],
  ["mountains", "sea"],
  ["hills"],
  ["mountains", "forest"],
];

const lookup = <T>(map: Record<string, T>, token: string): T | undefined =>
  map[token] ?? (token.endsWith("s") ? map[token.slice(0, -1)] : undefined);

export function describeScene(prompt: string, rng: Rng): Scene {
  const tokens = prompt
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const features = new Set<Feature>();
  const colors: Partial<Record<Target, string>> = {};
  const loose: string[] = [];
  let when: TimeOfDay | undefined;

  tokens.forEach((token, i) => {
    const target = lookup(WORDS, token);
    if (target && target !== "sky") features.add(target);
    const color = NAMED_COLORS[token];
    // A colour belongs to the first element named within the next three words;
    // "golden airship" then says nothing about the time of day.
    const owner =
      color &&
      tokens
        .slice(i + 1, i + 4)
        .map((t) => lookup(WORDS, t))
        .find(Boolean);
    if (color && owner) colors[owner] ??= color;
    else if (color) loose.push(color);
    if (!owner) when ??= lookup(TIMES, token);
  });

  when ??= rng.pick<TimeOfDay>(["day", "day", "golden", "golden", "golden", "dawn", "night"]);
  if (when === "night") features.add("stars").add(features.has("sun") ? "sun" : "moon");
  else if (!features.has("moon")) features.add("sun");
  if (features.has("ship")) features.add("sea");
  if (!LAND.some((f) => features.has(f))) for (const f of rng.pick(DEFAULT_LANDS)) features.add(f);
  // A lone skyline looks best across water; half the seeds put it on a bay.
  if (features.has("city") && LAND.every((f) => f === "city" || !features.has(f)) && rng.chance(0.5)) features.add("sea");
  if (features.has("snow") && !["mountains", "hills", "forest", "city"].some((f) => features.has(f as Feature))) {
    features.add("mountains");
  }
  if (!features.has("clouds") && when !== "night" && rng.chance(0.5)) features.add("clouds");
  if (!features.has("birds") && when !== "night" && rng.chance(0.2)) features.add("birds");

  return { time: when, features, colors, palette: palette(when, features, colors, loose, rng) };
}

function palette(when: TimeOfDay, features: Set<Feature>, colors: Scene["colors"], loose: string[], rng: Rng): Palette {
  const hue = rng.range(-12, 12);
  const base = BASE[when];
  const p: Palette = {
    skyTop: shiftHue(base.skyTop, hue),
    skyMid: shiftHue(base.skyMid, hue),
    skyHorizon: shiftHue(base.skyHorizon, hue * 0.5),
    haze: base.haze,
    light: base.light,
    accent: loose[0] ?? shiftHue("#e0553a", rng.range(-40, 40)),
  };
  const sky = colors.sky ?? loose[0];
  if (sky) {
    const strength = colors.sky ? 0.55 : 0.35;
    p.skyTop = mix(p.skyTop, sky, strength * (when === "night" ? 0.4 : 0.7));
    p.skyMid = mix(p.skyMid, sky, strength);
    p.skyHorizon = mix(p.skyHorizon, sky, strength * 0.6);
    p.haze = mix(p.haze, sky, strength * 0.4);
  }
  if (features.has("snow")) p.haze = mix(p.haze, "#e4edf7", when === "night" ? 0.15 : 0.45);
  if (features.has("desert") && when !== "night") p.skyHorizon = mix(p.skyHorizon, "#f7c98a", 0.35);
  return p;
}
