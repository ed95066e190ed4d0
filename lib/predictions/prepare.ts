import "server-only";
import type { RunRequest } from "../contract";
import { type InputImage, inputFromRequest } from "../domain";
import { AppError, isAppError } from "../errors";
import type { EditImages } from "../inputs/edit-images";
import type { PreparedRun } from "./types";

/**
 * A parsed request made into a run's input, every default applied and the seed concrete. For an
 * edit, each image is read and checked (refused with a 4xx naming its field); without an aspect
 * ratio (or, on [dev], a size) the output keeps the (first) input's shape (lib/domain/model-inputs.ts).
 * Nothing is stored. `prefix` goes before the field a refusal names (a sweep's "base").
 */
export async function prepareRun(
  editImages: EditImages,
  request: RunRequest,
  baseUrl?: string,
  prefix = "",
): Promise<PreparedRun> {
  try {
    if (request.kind === "text") return { input: inputFromRequest(request, request), seedRequested: request.seed ?? null };
    const { kind } = request;
    const refs = request.kind === "edit" ? [request.image] : request.images;
    const images = await editImages.read(refs, (index) => (kind === "edit" ? "image" : `images.${index}`), baseUrl);
    const described = images.map(({ data: _data, ...image }): InputImage => image);
    return { input: inputFromRequest(request, request, images, described), seedRequested: request.seed ?? null, images };
  } catch (error) {
    if (!prefix || !isAppError(error)) throw error;
    const field = error.field ? `${prefix}.${error.field}` : prefix;
    throw new AppError(error.code, error.message, field, error.extras);
  }
}
