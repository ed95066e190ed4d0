import { entryOf } from "./models";
import { ASPECT_RATIOS, type AspectRatio, type EngineInput, MAX_GUIDANCE, PIXEL_SIZES } from "./parameters";

/**
 * Editing: image-to-image (one image) and multi (several images under one instruction), on each
 * model of the family that serves them (lib/domain/models.ts). An edit is a run whose input carries
 * its images; everything else about it (seed, guidance, the queue, lineage) is a run like any other.
 */
export const EDIT_KINDS = ["edit", "multi"] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

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
/** What an input may be stored as; a GIF is accepted and becomes a PNG of its first frame. */
export const INPUT_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type InputContentType = (typeof INPUT_CONTENT_TYPES)[number];

/** How long WaveSpeed keeps an uploaded file, and an upload here stays without a run using it. */
export const UPLOAD_RETENTION_MS = 7 * 24 * 60 * 60_000;

/** One input image of an edit, kept by its content: the same picture is stored once. */
export type InputImage = {
  sha256: string;
  contentType: InputContentType;
  width: number;
  height: number;
  bytes: number;
};

/**
 * What makes a run an edit. `matchInput`: the client gave no aspect ratio, so the output keeps the
 * input's shape; the run's `aspect_ratio` then holds the nearest of the nine, for layout.
 */
export type EditSpec = { kind: EditKind; images: InputImage[]; matchInput: boolean };

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
