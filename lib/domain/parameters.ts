import type { EditSpec } from "./input-image";
import type { ModelName } from "./models";

/**
 * The parameters FLUX.1 Kontext [pro] text-to-image takes, and their limits.
 * The wire schemas (lib/contract.ts) and the form are built from these.
 */

export const ASPECT_RATIOS = ["21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const SAFETY_TOLERANCES = ["1", "2", "3", "4", "5"] as const;
export type SafetyTolerance = (typeof SAFETY_TOLERANCES)[number];

export const MIN_IMAGES = 1;
export const MAX_IMAGES = 4;
export const MIN_GUIDANCE = 1;
export const MAX_GUIDANCE = 10;

export const DEFAULTS = {
  aspect_ratio: "1:1",
  num_images: 1,
  guidance_scale: 3.5,
  safety_tolerance: "2",
} as const;

/** The ~1 MP sizes FLUX Kontext is trained at (width x height). */
export const PIXEL_SIZES: Record<AspectRatio, { width: number; height: number }> = {
  "21:9": { width: 1568, height: 672 },
  "16:9": { width: 1392, height: 752 },
  "4:3": { width: 1184, height: 880 },
  "3:2": { width: 1248, height: 832 },
  "1:1": { width: 1024, height: 1024 },
  "2:3": { width: 832, height: 1248 },
  "3:4": { width: 880, height: 1184 },
  "9:16": { width: 752, height: 1392 },
  "9:21": { width: 672, height: 1568 },
};

/**
 * What FLUX.1 Kontext [dev] takes instead of an aspect ratio and a safety tolerance: a pixel size
 * as "W*H", a number of steps, an output format, and a safety checker on or off.
 */
export const OUTPUT_FORMATS = ["jpeg", "png", "webp"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const MIN_STEPS = 1;
export const MAX_STEPS = 50;
export const MIN_SIZE_SIDE = 256;
export const MAX_SIZE_SIDE = 1536;
export const DEV_DEFAULTS = {
  num_inference_steps: 28,
  guidance_scale: 2.5,
  output_format: "jpeg",
  enable_safety_checker: true,
} as const;

/** "1024*1024" as width and height; undefined unless both are whole numbers of pixels within [dev]'s range. */
export function parseSize(size: string): { width: number; height: number } | undefined {
  const match = /^\s*(\d{1,5})\s*\*\s*(\d{1,5})\s*$/.exec(size);
  if (!match) return undefined;
  const [width, height] = [Number(match[1]), Number(match[2])];
  const fits = (side: number) => side >= MIN_SIZE_SIDE && side <= MAX_SIZE_SIDE;
  return fits(width) && fits(height) ? { width, height } : undefined;
}

export const formatSize = ({ width, height }: { width: number; height: number }) => `${width}*${height}`;

/** The pixel size an image of this input is made at: the [dev] size asked for, else the ratio's. */
export const pixelSizeOf = (input: Pick<EngineInput, "aspect_ratio" | "size">) =>
  (input.size && parseSize(input.size)) || PIXEL_SIZES[input.aspect_ratio];

/** A run's input as an engine receives it and the store keeps it: every default applied, the seed concrete. */
export type EngineInput = {
  /** Which of the family makes it (lib/domain/models.ts); with the kind of run, its model path. */
  model: ModelName;
  prompt: string;
  aspect_ratio: AspectRatio;
  num_images: number;
  /** 0 to MAX_SEED (lib/domain/seed.ts). */
  seed: number;
  guidance_scale: number;
  /** Sent to [pro] and [max] only; a [dev] run keeps the default, unused. */
  safety_tolerance: SafetyTolerance;
  /** [dev] only: the pixel size asked for, "W*H"; without it an edit keeps its input's shape. */
  size?: string;
  /** [dev] only, always set on its runs. */
  num_inference_steps?: number;
  output_format?: OutputFormat;
  enable_safety_checker?: boolean;
  /** Present when the run edits images (lib/domain/edit.ts); an edit makes one image. */
  edit?: EditSpec;
};
