import "server-only";
import type { RunRequest } from "../contract";
import { type InputImage, nearestAspectRatio, resolveSeed } from "../domain";
import { AppError, isAppError } from "../errors";
import type { EditImages } from "../inputs/edit-images";
import type { PreparedRun } from "./types";

/**
 * A parsed request made into a run's input, every default applied and the seed concrete. For an
 * edit, each image is read and checked (refused with a 4xx naming its field); without an aspect
 * ratio the output keeps the (first) input's shape, recorded as the nearest of the nine ratios.
 * Nothing is stored. `prefix` goes before the field a refusal names (a sweep's "base").
 */
export async function prepareRun(
  editImages: EditImages,
  request: RunRequest,
  baseUrl?: string,
  prefix = "",
): Promise<PreparedRun> {
  try {
    if (request.kind === "text") {
      const { kind: _kind, seed, ...input } = request;
      return { input: { ...input, seed: resolveSeed(seed) }, seedRequested: seed ?? null };
    }
    const { kind } = request;
    const refs = request.kind === "edit" ? [request.image] : request.images;
    const images = await editImages.read(refs, (index) => (kind === "edit" ? "image" : `images.${index}`), baseUrl);
    const described = images.map(({ data: _data, ...image }): InputImage => image);
    const { prompt, aspect_ratio, seed, guidance_scale, safety_tolerance } = request;
    return {
      input: {
        prompt,
        aspect_ratio: aspect_ratio ?? nearestAspectRatio(images[0].width, images[0].height),
        num_images: 1,
        seed: resolveSeed(seed),
        guidance_scale,
        safety_tolerance,
        edit: { kind, matchInput: aspect_ratio === undefined, images: described },
      },
      seedRequested: seed ?? null,
      images,
    };
  } catch (error) {
    if (!prefix || !isAppError(error)) throw error;
    const field = error.field ? `${prefix}.${error.field}` : prefix;
    throw new AppError(error.code, error.message, field, error.extras);
  }
}
