/** Just enough colour arithmetic for palettes: hex in, hex out. */

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function format([r, g, b]: Rgb): string {
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return `#${((1 << 24) | (clamp(r) << 16) | (clamp(g) << 8) | clamp(b)).toString(16).slice(1)}`;
}

/** Linear mix: t = 0 gives a, t = 1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const x = parse(a);
  const y = parse(b);
  return format([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

export const darken = (hex: string, t: number) => mix(hex, "#000000", t);
export const lighten = (hex: string, t: number) => mix(hex, "#ffffff", t);

/** Rotates the hue by `degrees`, keeping lightness and saturation. */
export function shiftHue(hex: string, degrees: number): string {
  const [r, g, b] = parse(hex).map((v) => v / 255) as Rgb;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return hex;
  const s = d / (1 - Math.abs(2 * l - 1));
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h = (((h * 60 + degrees) % 360) + 360) % 360;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r1, g1, b1] =
    h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return format([(r1 + m) * 255, (g1 + m) * 255, (b1 + m) * 255]);
}

/** Colour words a prompt may use, with the shade the picture paints them in. */
export const NAMED_COLORS: Record<string, string> = {
  red: "#d83a34",
  crimson: "#b3153a",
  scarlet: "#e0332b",
  orange: "#f08a24",
  amber: "#f5a623",
  yellow: "#f4d03f",
  golden: "#e8b448",
  gold: "#e8b448",
  green: "#3f9a4a",
  emerald: "#1f9e6e",
  teal: "#1c9c9c",
  turquoise: "#2ec4b6",
  cyan: "#36c5e0",
  blue: "#2f6fdb",
  navy: "#1b2a6b",
  indigo: "#4b3fa8",
  purple: "#7d3cb5",
  violet: "#8f5bd6",
  lavender: "#b59ee0",
  magenta: "#d13fa0",
  pink: "#f07ab0",
  coral: "#f47c6a",
  white: "#f4f4f0",
  silver: "#c4cad3",
  grey: "#8a9099",
  gray: "#8a9099",
  black: "#1a1a1f",
  brown: "#7a5234",
};
