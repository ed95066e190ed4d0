import { NAMED_COLORS } from "./color";
import { hashString, type Rng } from "./prng";

/**
 * Instruction → what the local edit does to the picture: words for the time of day or the weather
 * tint it or lay something over it, a colour word moves the picture's dominant hue to that colour,
 * style words filter it. The seeded Rng places what the words leave open (the light's centre, rain
 * and snow), so two seeds of one instruction give two takes; an instruction with none of the words
 * still changes the picture, by a hue turn drawn from its text, so every step of a chain shows.
 */
export type Light = "night" | "sunset" | "dawn" | "noon";
export type Weather = "fog" | "rain" | "snow" | "storm";
export type Style =
  | "mono"
  | "sepia"
  | "sketch"
  | "painting"
  | "pixel"
  | "blur"
  | "sharpen"
  | "invert"
  | "vivid"
  | "poster"
  | "warm"
  | "cool";

export type EditPlan = {
  light?: Light;
  weather?: Weather;
  /** Where the dominant hue goes: a colour word's shade. */
  recolor?: { word: string; hex: string };
  styles: Style[];
  /** Degrees to turn every hue when no word applied. */
  fallbackHue?: number;
  /** How hard the words are applied: from the guidance scale. */
  strength: number;
  /** The centre of the seeded light falloff, as fractions of width and height. */
  focus: { x: number; y: number };
  /** Seeded positions of rain streaks or snowflakes, as fractions; empty without that weather. */
  particles: Array<{ x: number; y: number; size: number }>;
};

const LIGHTS: Array<[Light, RegExp]> = [
  ["night", /\b(night|midnight|moonlit|moonlight|nighttime|dark)\b/],
  ["sunset", /\b(sunset|dusk|golden hour|evening|twilight)\b/],
  ["dawn", /\b(dawn|sunrise|morning|daybreak)\b/],
  ["noon", /\b(noon|midday|sunny|daylight|bright day|summer)\b/],
];
const WEATHERS: Array<[Weather, RegExp]> = [
  ["storm", /\b(storm|stormy|thunder|thunderstorm|lightning)\b/],
  ["rain", /\b(rain|rainy|raining|drizzle|downpour|wet)\b/],
  ["snow", /\b(snow|snowy|snowing|winter|blizzard|snowfall)\b/],
  ["fog", /\b(fog|foggy|mist|misty|haze|hazy|smoke|smoky)\b/],
];
const STYLES: Array<[Style, RegExp]> = [
  ["mono", /\b(black and white|black-and-white|monochrome|grayscale|greyscale|b&w|noir)\b/],
  ["sepia", /\b(sepia|vintage|old photo|antique|faded)\b/],
  ["sketch", /\b(sketch|pencil|drawing|charcoal|line art)\b/],
  ["painting", /\b(painting|painted|watercolou?r|oil paint|impressionist|gouache)\b/],
  ["pixel", /\b(pixel|pixelated|pixel art|8-bit|8 bit|retro game|mosaic)\b/],
  ["blur", /\b(blur|blurry|dreamy|soft focus|bokeh)\b/],
  ["sharpen", /\b(sharpen|sharper|crisp|detailed)\b/],
  ["invert", /\b(invert|inverted|negative)\b/],
  ["vivid", /\b(vivid|saturated|colou?rful|vibrant)\b/],
  ["poster", /\b(poster|posterize|comic|cartoon|pop art|flat colou?rs?)\b/],
  ["warm", /\b(warm|warmer|cozy|cosy)\b/],
  ["cool", /\b(cool|cooler|cold|icy)\b/],
];
const COLOUR_WORD = new RegExp(`\\b(${Object.keys(NAMED_COLORS).join("|")})\\b`);
const PARTICLES: Partial<Record<Weather, number>> = { rain: 180, storm: 120, snow: 260 };

export function planEdit(prompt: string, guidance: number, rng: Rng): EditPlan {
  const text = prompt.toLowerCase();
  const light = LIGHTS.find(([, pattern]) => pattern.test(text))?.[0];
  const weather = WEATHERS.find(([, pattern]) => pattern.test(text))?.[0];
  // "black and white" names colours too: a style that removes colour wins over recolouring.
  const styles = STYLES.filter(([, pattern]) => pattern.test(text)).map(([style]) => style);
  const colour = styles.includes("mono") ? undefined : COLOUR_WORD.exec(text)?.[1];
  const focus = { x: rng.range(0.2, 0.8), y: rng.range(0.15, 0.7) };
  const count = weather ? (PARTICLES[weather] ?? 0) : 0;
  const particles = Array.from({ length: count }, () => ({ x: rng.next(), y: rng.next(), size: rng.range(0.6, 1.6) }));
  const nothing = !light && !weather && !colour && styles.length === 0;
  return {
    light,
    weather,
    recolor: colour ? { word: colour, hex: NAMED_COLORS[colour] } : undefined,
    styles,
    fallbackHue: nothing ? 40 + (hashString(text.trim()) % 280) : undefined,
    // 3.5 (the default) is full strength; the edit model's range runs to 20.
    strength: Math.min(1.6, Math.max(0.45, guidance / 3.5)),
    focus,
    particles,
  };
}
