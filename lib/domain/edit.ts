import type { EditSpec, InputImage } from "./input-image";
import { entryOf } from "./models";
import { ASPECT_RATIOS, type AspectRatio, type EngineInput, MAX_GUIDANCE, PIXEL_SIZES } from "./parameters";

/**
 * Editing: image-to-image (one image) and multi (several images under one instruction), on each
 * model of the family that serves them (lib/domain/models.ts). An edit is a run whose input carries
 * its images; everything else about it (seed, guidance, the queue, lineage) is a run like any other.
 */

/** The model id (and path under /api/v3) a run is sent to on WaveSpeed. */
export const modelIdOf = (input: Pick<EngineInput, "model" | "edit">) => entryOf(input).id;

/** [pro] and [max] multi take 2 to 4 pictures; [dev] multi "up to 4", so one will do. */
export const MIN_MULTI_IMAGES = 2;
export const MIN_DEV_MULTI_IMAGES = 1;
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
