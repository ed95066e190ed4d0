import { nearestAspectRatio } from "./edit";
import type { EditKind, InputImage } from "./input-image";
import { MODELS, type ModelEntry, type ModelName } from "./models";
import {
  type AspectRatio,
  DEFAULTS,
  DEV_DEFAULTS,
  type EngineInput,
  formatSize,
  type OutputFormat,
  PIXEL_SIZES,
  parseSize,
  type SafetyTolerance,
} from "./parameters";
import { resolveSeed } from "./seed";

/**
 * A validated request of any model of the family as a run's input: every default applied, the seed
 * concrete. Fields a model does not take are not kept, so two runs of one model compare alike.
 */
export type ParsedRequest = {
  prompt: string;
  seed?: number | null;
  aspect_ratio?: AspectRatio;
  num_images?: number;
  guidance_scale: number;
  safety_tolerance?: SafetyTolerance;
  size?: string;
  num_inference_steps?: number;
  output_format?: OutputFormat;
  enable_safety_checker?: boolean;
};

export function inputFromRequest(
  entry: Pick<ModelEntry, "model" | "kind">,
  request: ParsedRequest,
  images: Array<Pick<InputImage, "width" | "height">> = [],
  described: InputImage[] = [],
): EngineInput {
  const dev = MODELS[entry.model].parameters === "dev";
  const size = dev && request.size ? parseSize(request.size) : undefined;
  const shape = size ?? images[0];
  const asked = dev ? undefined : request.aspect_ratio;
  const input: EngineInput = {
    model: entry.model,
    prompt: request.prompt,
    // Without a ratio an edit keeps its input's shape; the nearest of the nine is kept for layout.
    aspect_ratio: asked ?? (shape ? nearestAspectRatio(shape.width, shape.height) : DEFAULTS.aspect_ratio),
    // [pro] and [max] make one image per edit; [dev] takes num_images on its edits too.
    num_images: entry.kind === "text" || dev ? (request.num_images ?? DEFAULTS.num_images) : 1,
    seed: resolveSeed(request.seed),
    guidance_scale: request.guidance_scale,
    safety_tolerance: request.safety_tolerance ?? DEFAULTS.safety_tolerance,
    ...(dev ? devFieldsOf(request, size) : {}),
  };
  if (entry.kind === "text") return input;
  const matchInput = dev ? size === undefined : asked === undefined;
  return { ...input, edit: { kind: entry.kind as EditKind, matchInput, images: described } };
}

const devFieldsOf = (request: Partial<ParsedRequest>, size: { width: number; height: number } | undefined) => ({
  ...(size ? { size: formatSize(size) } : {}),
  num_inference_steps: request.num_inference_steps ?? DEV_DEFAULTS.num_inference_steps,
  output_format: request.output_format ?? DEV_DEFAULTS.output_format,
  enable_safety_checker: request.enable_safety_checker ?? DEV_DEFAULTS.enable_safety_checker,
});

/**
 * The same settings on another model: what both take carries over, what only one takes is left
 * out or given its default ([dev]'s steps, format and checker; one image per [pro]/[max] edit).
 * A sweep over models makes its cells with it; the form keeps its own fields as they are.
 */
export function withModel(input: EngineInput, model: ModelName): EngineInput {
  if (input.model === model) return input;
  const { size, num_inference_steps, output_format, enable_safety_checker, ...shared } = input;
  if (MODELS[model].parameters === "dev") {
    // A ratio asked for becomes its pixel size, so the shape carries over.
    const kept = size ? parseSize(size) : shared.edit?.matchInput === false ? PIXEL_SIZES[shared.aspect_ratio] : undefined;
    const edit = shared.edit && { ...shared.edit, matchInput: kept === undefined };
    return {
      ...shared,
      ...(edit ? { edit } : {}),
      model,
      ...devFieldsOf({ num_inference_steps, output_format, enable_safety_checker }, kept),
    };
  }
  const edit = shared.edit && { ...shared.edit, matchInput: size ? false : shared.edit.matchInput };
  return { ...shared, model, ...(edit ? { edit, num_images: 1 } : {}) };
}
