import "server-only";
import { AppError } from "../errors";
import type { PredictionService } from "../predictions/service";
import { imagePath } from "../predictions/wire/views";
import type { ImageRefArgs } from "./schemas";

/**
 * A picture as a tool names it, as the submit body names it: a run's image becomes the path of that
 * output on this server (read from the store, never over HTTP); a URL (the SSRF guard applies when
 * it is read) and base64 go as they are. `runId`: the run it came from, for lineage.
 */
export async function toImageRef(
  predictions: PredictionService,
  ref: ImageRefArgs,
  field: string,
): Promise<{ ref: string; runId?: string }> {
  if (ref.run_id === undefined) return { ref: (ref.url ?? ref.base64)! };
  const record = await predictions.find(ref.run_id);
  if (!record) throw new AppError("not_found", `No run with id "${ref.run_id}".`, `${field}.run_id`);
  const index = ref.index ?? 0;
  const output = record.status === "completed" ? record.outputs.find((candidate) => candidate.index === index) : undefined;
  if (!output) {
    const why = record.status === "completed" ? `it has ${record.outputs.length}` : `it is ${record.status}`;
    throw new AppError("invalid_request", `Run ${record.id} has no image ${index} (${why}).`, `${field}.index`);
  }
  return { ref: imagePath(output), runId: record.id };
}

/**
 * The pictures of an edit (one `image` or several `images`) as the submit body's fields, and the run
 * the first of them came from: the edit's parent in lineage.
 */
export async function editPictures(
  predictions: PredictionService,
  args: { image?: ImageRefArgs; images?: ImageRefArgs[] },
  prefix = "",
): Promise<{ fields: { image: string } | { images: string[] } | Record<string, never>; parentId?: string }> {
  if (args.image) {
    const { ref, runId } = await toImageRef(predictions, args.image, `${prefix}image`);
    return { fields: { image: ref }, parentId: runId };
  }
  if (!args.images) return { fields: {} };
  const refs = await Promise.all(args.images.map((image, index) => toImageRef(predictions, image, `${prefix}images.${index}`)));
  return { fields: { images: refs.map((found) => found.ref) }, parentId: refs.find((found) => found.runId)?.runId };
}
