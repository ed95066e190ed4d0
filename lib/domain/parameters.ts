import type { EditSpec } from "./input-image";

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

/** A run's input as an engine receives it and the store keeps it: every default applied, the seed concrete. */
export type EngineInput = {
  prompt: string;
  aspect_ratio: AspectRatio;
  num_images: number;
  /** 0 to MAX_SEED (lib/domain/seed.ts). */
  seed: number;
  guidance_scale: number;
  safety_tolerance: SafetyTolerance;
  /** Present when the run edits images (lib/domain/edit.ts); an edit makes one image. */
  edit?: EditSpec;
};
