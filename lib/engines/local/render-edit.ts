import sharp, { type Sharp } from "sharp";
import { type EngineInput, MAX_INPUT_PIXELS, pixelSizeOf } from "../../domain";
import { type EditPlan, planEdit, type Style } from "./edit-plan";
import { rngFor } from "./prng";

/**
 * The local engine's edit: an honest, deterministic change of the input picture made with sharp,
 * driven by the instruction's words (edit-plan.ts), the seed and the guidance. Not FLUX: a preview
 * of the loop, so a chain can be built and compared offline. Same inputs, same bytes.
 */
const JPEG_QUALITY = 88;

type Raw = { data: Buffer; width: number; height: number };

const open = (raw: Raw) => sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } });

async function toRaw(image: Sharp): Promise<Raw> {
  const { data, info } = await image.toColourspace("srgb").removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** One step of the pipeline: sharp applies a pipeline's operations in its own order, so each step is its own pipeline. */
const step = (raw: Raw, apply: (image: Sharp) => Sharp): Promise<Raw> => toRaw(apply(open(raw)));

const channel = (hex: string, index: number) => Number.parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16);

type Matrix = [[number, number, number], [number, number, number], [number, number, number]];
type Triple = [number, number, number];

const multiply = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => [0, 1, 2].map((column) => row[0] * b[0][column] + row[1] * b[1][column] + row[2] * b[2][column])) as Matrix;

/** Turns every hue by `degrees`, keeping luminance (the matrix CSS's hue-rotate uses); far cheaper than a trip through LCh. */
function hueMatrix(degrees: number): Matrix {
  const r = (degrees * Math.PI) / 180;
  const [c, s] = [Math.cos(r), Math.sin(r)];
  return [
    [0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928],
    [0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.14, 0.072 - c * 0.072 - s * 0.283],
    [0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072],
  ];
}

/** Scales colourfulness around grey: 0 is grey, 1 as is, above 1 more vivid. */
function saturationMatrix(amount: number): Matrix {
  const [r, g, b] = [0.213, 0.715, 0.072];
  return [
    [r + (1 - r) * amount, g - g * amount, b - b * amount],
    [r - r * amount, g + (1 - g) * amount, b - b * amount],
    [r - r * amount, g - g * amount, b + (1 - b) * amount],
  ];
}

/** Per channel: out = in × scale + offset, with the change scaled by `strength`. */
const tint = (raw: Raw, scale: Triple, offset: Triple, strength: number) =>
  step(raw, (image) =>
    image.linear(
      scale.map((value) => 1 + strength * (value - 1)),
      offset.map((value) => strength * value),
    ),
  );

/** The pictures laid into the output frame: one fills it; two or three side by side; four in a 2 × 2 grid. */
async function compose(images: Buffer[], width: number, height: number): Promise<Raw> {
  const load = (bytes: Buffer) =>
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().flatten({ background: "#ffffff" });
  if (images.length <= 1) return toRaw(load(images[0]!).resize(width, height, { fit: "cover" }));
  const columns = images.length === 4 ? 2 : images.length;
  const rows = images.length === 4 ? 2 : 1;
  const cells = await Promise.all(
    images.map(async (bytes, index) => {
      const left = Math.round(((index % columns) * width) / columns);
      const top = Math.round((Math.floor(index / columns) * height) / rows);
      const right = Math.round((((index % columns) + 1) * width) / columns);
      const bottom = Math.round(((Math.floor(index / columns) + 1) * height) / rows);
      const input = await load(bytes)
        .resize(right - left, bottom - top, { fit: "cover" })
        .png()
        .toBuffer();
      return { input, left, top };
    }),
  );
  return toRaw(sharp({ create: { width, height, channels: 3, background: "#ffffff" } }).composite(cells));
}

const hueOf = (r: number, g: number, b: number) => {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
};

const ACHROMATIC: Record<string, number> = { white: 1.18, silver: 1.08, grey: 0.95, gray: 0.95, black: 0.62 };

async function recolor(raw: Raw, plan: EditPlan): Promise<Raw> {
  const { word, hex } = plan.recolor!;
  if (word in ACHROMATIC) return step(raw, (image) => image.recomb(saturationMatrix(0.3)).linear(ACHROMATIC[word], 0));
  const { dominant } = await open(raw).stats();
  const turn = hueOf(channel(hex, 0), channel(hex, 1), channel(hex, 2)) - hueOf(dominant.r, dominant.g, dominant.b);
  return step(raw, (image) => image.recomb(multiply(saturationMatrix(1 + 0.25 * plan.strength), hueMatrix(turn))));
}

async function light(raw: Raw, plan: EditPlan): Promise<Raw> {
  const s = plan.strength;
  switch (plan.light) {
    case "night":
      return step(raw, (image) =>
        image.recomb(saturationMatrix(Math.max(0.3, 1 - 0.35 * s))).linear(
          [0.42, 0.5, 0.72].map((value) => 1 - Math.min(0.85, s) * (1 - value)),
          [0, 2, 14].map((value) => s * value),
        ),
      );
    case "sunset":
      return tint(raw, [1.1, 0.9, 0.68], [12, 0, -4], s);
    case "dawn":
      return tint(raw, [1.08, 0.98, 0.94], [16, 8, 10], s);
    case "noon":
      return step(raw, (image) => image.recomb(saturationMatrix(1 + 0.2 * s)).linear(1 + 0.12 * s, 0));
    default:
      return raw;
  }
}

/** Rain streaks or snowflakes, drawn straight into the pixels at their seeded places. */
function particles(raw: Raw, plan: EditPlan): Raw {
  const { width, height } = raw;
  const data = Buffer.from(raw.data);
  const unit = width / 400;
  const paint = (x: number, y: number, shade: number, alpha: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const at = (y * width + x) * 3;
    for (let c = 0; c < 3; c++) data[at + c] = data[at + c] + (shade - data[at + c]) * alpha;
  };
  for (const { x, y, size } of plan.particles) {
    const [px, py] = [Math.round(x * width), Math.round(y * height)];
    if (plan.weather === "snow") {
      const radius = Math.max(1, Math.round(size * 2.2 * unit));
      for (let dy = -radius; dy <= radius; dy++)
        for (let dx = -radius; dx <= radius; dx++) if (dx * dx + dy * dy <= radius * radius) paint(px + dx, py + dy, 255, 0.85);
    } else {
      const length = Math.round(22 * unit * size);
      for (let i = 0; i < length; i++) paint(Math.round(px - (6 / 22) * i), py + i, 226, 0.5);
    }
  }
  return { ...raw, data };
}

async function weather(raw: Raw, plan: EditPlan): Promise<Raw> {
  const s = plan.strength;
  const fog = Math.min(0.7, 0.42 * s);
  switch (plan.weather) {
    case "fog":
      return step(raw, (image) => image.blur(0.6 + s).linear(1 - fog, 232 * fog));
    case "rain":
      return particles(await step(raw, (image) => image.linear(0.82, 0)), plan);
    case "storm":
      return particles(await step(raw, (image) => image.linear(1.25 * Math.max(0.3, 1 - 0.35 * s), -20)), plan);
    case "snow":
      return particles(await step(raw, (image) => image.recomb(saturationMatrix(0.8)).linear(1.06, 0)), plan);
    default:
      return raw;
  }
}

function posterize(raw: Raw, levels: number): Raw {
  const data = Buffer.alloc(raw.data.length);
  const unit = 255 / (levels - 1);
  for (let i = 0; i < raw.data.length; i++) data[i] = Math.round(Math.round(raw.data[i] / unit) * unit);
  return { ...raw, data };
}

const SEPIA: Matrix = [
  [0.393, 0.769, 0.189],
  [0.349, 0.686, 0.168],
  [0.272, 0.534, 0.131],
];
/** Luminance in all three channels: grey that stays RGB, so every step reads and writes one layout. */
const GREY: Matrix = [
  [0.299, 0.587, 0.114],
  [0.299, 0.587, 0.114],
  [0.299, 0.587, 0.114],
];

async function style(raw: Raw, name: Style, plan: EditPlan): Promise<Raw> {
  const s = plan.strength;
  switch (name) {
    case "mono":
      return step(raw, (image) => image.recomb(GREY));
    case "sepia":
      return step(raw, (image) => image.recomb(SEPIA));
    case "sketch": {
      // Edges of the grey picture, dark on white paper (negated in a step of its own: sharp negates before it convolves).
      const edges = await step(raw, (image) =>
        image.recomb(GREY).convolve({ width: 3, height: 3, kernel: [-1, -1, -1, -1, 8, -1, -1, -1, -1], scale: 1 / (0.35 * s) }),
      );
      return step(edges, (image) => image.negate());
    }
    case "painting":
      return posterize(await step(raw, (image) => image.median(3).recomb(saturationMatrix(1 + 0.3 * s))), 12);
    case "pixel": {
      const block = Math.round(10 + 8 * s);
      const small = await step(raw, (image) =>
        image.resize(Math.max(1, Math.round(raw.width / block)), Math.max(1, Math.round(raw.height / block)), {
          kernel: "nearest",
        }),
      );
      return step(small, (image) => image.resize(raw.width, raw.height, { kernel: "nearest" }));
    }
    case "blur":
      return step(raw, (image) => image.blur(1 + 3 * s));
    case "sharpen":
      return step(raw, (image) => image.sharpen({ sigma: 1 + s }));
    case "invert":
      return step(raw, (image) => image.negate());
    case "vivid":
      return step(raw, (image) => image.recomb(saturationMatrix(1 + 0.6 * s)));
    case "poster":
      return posterize(raw, 5);
    case "warm":
      return tint(raw, [1.08, 1, 0.86], [6, 0, 0], s);
    case "cool":
      return tint(raw, [0.88, 0.98, 1.1], [0, 2, 8], s);
  }
}

/**
 * A soft falloff of light around a seeded centre: every seed lights the picture from its own place.
 * Plain arithmetic on the pixels, cheaper than drawing a gradient at full size.
 */
function falloff(raw: Raw, plan: EditPlan): Raw {
  const { width, height } = raw;
  const data = Buffer.alloc(raw.data.length);
  const cx = plan.focus.x * width;
  const cy = plan.focus.y * height;
  const reach = 0.85 * Math.hypot(width, height) * 0.75;
  for (let y = 0; y < height; y++) {
    const dy = (y - cy) ** 2;
    for (let x = 0; x < width; x++) {
      const t = Math.min(1, Math.max(0, (Math.sqrt((x - cx) ** 2 + dy) / reach - 0.35) / 0.65));
      const keep = 1 - 0.42 * t * t * (3 - 2 * t);
      const at = (y * width + x) * 3;
      data[at] = raw.data[at] * keep;
      data[at + 1] = raw.data[at + 1] * keep;
      data[at + 2] = raw.data[at + 2] * keep;
    }
  }
  return { ...raw, data };
}

/** One JPEG: the input picture(s) changed as the instruction, seed and guidance say, at the run's pixel size. */
export async function renderEdit(input: EngineInput, index: number, images: Buffer[]): Promise<Buffer> {
  if (images.length === 0) throw new Error("an edit needs its input image");
  // A [dev] edit is made at the size asked for; any other at its ratio's.
  const { width, height } = pixelSizeOf(input);
  const plan = planEdit(input.prompt, input.guidance_scale, rngFor(input.prompt, input.seed, index));
  let raw = await compose(images, width, height);
  if (plan.recolor) raw = await recolor(raw, plan);
  raw = await light(raw, plan);
  raw = await weather(raw, plan);
  for (const name of plan.styles) raw = await style(raw, name, plan);
  if (plan.fallbackHue !== undefined) raw = await step(raw, (image) => image.recomb(hueMatrix(plan.fallbackHue!)));
  raw = falloff(raw, plan);
  return open(raw).jpeg({ quality: JPEG_QUALITY, mozjpeg: false, chromaSubsampling: "4:2:0" }).toBuffer();
}
