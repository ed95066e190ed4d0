import type { EditSpec, InputImage } from "./input-image";
import { ASPECT_RATIOS, type AspectRatio, type EngineInput, MAX_GUIDANCE, PIXEL_SIZES } from "./parameters";

/**
 * Editing: FLUX.1 Kontext [pro] image-to-image (one image) and multi (2 to 4 images under one
 * instruction). An edit is a run whose input carries its images; everything else about it (seed,
 * guidance, safety, the queue, lineage) is a run like any other.
 */
export const KONTEXT_MODELS = {
  text: "wavespeed-ai/flux-kontext-pro/text-to-image",
  edit: "wavespeed-ai/flux-kontext-pro",
  multi: "wavespeed-ai/flux-kontext-pro/multi",
} as const;

/** The model a run is sent to on WaveSpeed. */
export const kontextModelOf = (input: Pick<EngineInput, "edit">) => KONTEXT_MODELS[input.edit?.kind ?? "text"];

export const MIN_MULTI_IMAGES = 2;
export const MAX_MULTI_IMAGES = 4;

/**
 * WaveSpeed's pages disagree on the edit model's guidance: one says 1 to 10, another 1 to 20.
 * Edits accept the wider range; text-to-image keeps its documented 1 to 10.
 */
export const MAX_EDIT_GUIDANCE = 20;
export const maxGuidanceFor = (input: Pick<EngineInput, "edit">) => (input.edit ? MAX_EDIT_GUIDANCE : MAX_GUIDANCE);

/** Inputs: WaveSpeed's upload limit of 20 MB, and 40 megapixels decoded (which also stops decompression bombs). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
export const MAX_INPUT_PIXELS = 40_000_000;

/** How long WaveSpeed keeps an uploaded file, and an upload here stays without a run using it. */
export const UPLOAD_RETENTION_MS = 7 * 24 * 60 * 60_000;

export type EditInput = EngineInput & { edit: EditSpec };
export const isEdit = (input: EngineInput): input is EditInput => input.edit !== undefined;

/** The one of the nine ratios closest to a picture's shape (by the ratio's logarithm, so 2:1 and 1:2 are as far from 1:1). */
export function nearestAspectRatio(width: number, height: number): AspectRatio {
  const target = Math.log(width / height);
  let best: AspectRatio = "1:1";
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ratio of ASPECT_RATIOS) {
    const { width: w, height: h } = PIXEL_SIZES[ratio];
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) [best, bestDistance] = [ratio, distance];
  }
  return best;
}

/** The file name an input is kept and served under: its hash and its type. */
export const inputFileName = (image: Pick<InputImage, "sha256" | "contentType">) =>
  `${image.sha256}.${image.contentType === "image/jpeg" ? "jpg" : image.contentType.slice("image/".length)}`;
