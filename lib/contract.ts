// zod/mini: the same schemas and messages as classic zod, a fraction of the browser bundle.
import { z } from "zod/mini";
import { allowed } from "./contract-answers";
import {
  ASPECT_RATIOS,
  DEFAULT_MODEL,
  DEFAULTS,
  DEV_DEFAULTS,
  DEV_MODEL_NAMES,
  type DevModelName,
  hasVisibleCharacter,
  isModelName,
  KONTEXT_MODEL_NAMES,
  type KontextModelName,
  MAX_EDIT_GUIDANCE,
  MAX_GUIDANCE,
  MAX_IMAGES,
  MAX_INPUT_BYTES,
  MAX_MULTI_IMAGES,
  MAX_PROMPT_CHARS,
  MAX_SEED,
  MAX_SIZE_SIDE,
  MAX_STEPS,
  MIN_DEV_MULTI_IMAGES,
  MIN_GUIDANCE,
  MIN_IMAGES,
  MIN_MULTI_IMAGES,
  MIN_SEED,
  MIN_SIZE_SIDE,
  MIN_STEPS,
  MODEL_NAMES,
  type ModelEntry,
  type ModelName,
  OUTPUT_FORMATS,
  parseSize,
  promptLength,
  type RequestSchemaName,
  type RunKind,
  SAFETY_TOLERANCES,
  unservedKindMessage,
} from "./domain";

/**
 * The WaveSpeed prediction contract for the FLUX.1 Kontext family: text-to-image, image-to-image
 * (edit) and multi, with [pro]/[max]'s body and [dev]'s own; its paths and uploads in lib/contract-paths.ts. One schema per
 * body serves the form, the route handlers, the engines and the tests; the model registry
 * (lib/domain/models.ts) names which one each path takes.
 */

const PROMPT_RULE = allowed("prompt", "non-empty text");
const PROMPT_VISIBLE_RULE = allowed("prompt", "text with at least one visible character, not only spaces or invisible ones");
const PROMPT_LENGTH_RULE = allowed(
  "prompt",
  `at most ${MAX_PROMPT_CHARS} characters: the model reads about 512 tokens and would ignore the rest`,
);
const IMAGES_RULE = allowed("num_images", `an integer from ${MIN_IMAGES} to ${MAX_IMAGES}`);
const SEED_RULE = allowed("seed", `an integer from ${MIN_SEED} to ${MAX_SEED} (-1 means random)`);
const GUIDANCE_RULE = allowed("guidance_scale", `a number from ${MIN_GUIDANCE.toFixed(1)} to ${MAX_GUIDANCE.toFixed(1)}`);

/** A field another model of the family takes and this one does not: refused, naming what to send instead. */
export const notTaken = (field: string, instead: string) =>
  z.optional(z.never({ error: `${field} must be left out: this model does not take it; ${instead}` }));

/** [dev]'s own fields, refused on [pro] and [max] rather than dropped: the run would not be what was asked. */
const devOnlyFields = {
  size: notTaken("size", "give aspect_ratio instead (FLUX.1 Kontext [dev] takes a pixel size)"),
  num_inference_steps: notTaken("num_inference_steps", "only FLUX.1 Kontext [dev] takes a number of steps"),
};

export const promptSchema = z.string(PROMPT_RULE).check(
  z.trim(),
  z.minLength(1, PROMPT_RULE),
  z.refine(hasVisibleCharacter, PROMPT_VISIBLE_RULE),
  z.refine((prompt) => promptLength(prompt) <= MAX_PROMPT_CHARS, PROMPT_LENGTH_RULE),
);
// null and -1 both ask for a random seed; the service picks one and records it.
export const seedSchema = z.nullish(z.int(SEED_RULE).check(z.gte(MIN_SEED, SEED_RULE), z.lte(MAX_SEED, SEED_RULE)));

/** `POST /api/v3/wavespeed-ai/flux-kontext-pro/text-to-image` and [max]'s: draw from text. */
export const predictionRequestSchema = z.object({
  prompt: promptSchema,
  aspect_ratio: z._default(
    z.enum(ASPECT_RATIOS, allowed("aspect_ratio", `one of ${ASPECT_RATIOS.join(", ")}`)),
    DEFAULTS.aspect_ratio,
  ),
  num_images: z._default(
    z.int(IMAGES_RULE).check(z.gte(MIN_IMAGES, IMAGES_RULE), z.lte(MAX_IMAGES, IMAGES_RULE)),
    DEFAULTS.num_images,
  ),
  seed: seedSchema,
  guidance_scale: z._default(
    z.number(GUIDANCE_RULE).check(z.gte(MIN_GUIDANCE, GUIDANCE_RULE), z.lte(MAX_GUIDANCE, GUIDANCE_RULE)),
    DEFAULTS.guidance_scale,
  ),
  safety_tolerance: z._default(
    z.enum(SAFETY_TOLERANCES, allowed("safety_tolerance", `one of the strings "1" (most strict) to "5" (most permissive)`)),
    DEFAULTS.safety_tolerance,
  ),
  ...devOnlyFields,
});

/** WaveSpeed takes the callback URL as the `webhook` query parameter, never in the body. */
const webhookInBody = (field: string) =>
  z.optional(
    z.never({
      error: `${field} must be given as the webhook query parameter (POST …?webhook=https://…), as WaveSpeed documents it, not in the body`,
    }),
  );

/**
 * The documented options of a submit, beside the model's parameters. Unknown fields are
 * dropped, as WaveSpeed drops them; these two are honoured (lib/predictions/served-api.ts). A
 * webhook in the body is refused rather than dropped: a client that put it there would otherwise
 * wait for a call that never comes.
 */
export const submitOptionsSchema = z.object({
  /** Answer only once the task has ended (or SYNC_MODE_TIMEOUT_MS passed: 504). */
  enable_sync_mode: z._default(z.boolean(allowed("enable_sync_mode", "true or false")), false),
  /** Outputs as naked base64 of the image bytes instead of URLs; refused with a webhook. */
  enable_base64_output: z._default(z.boolean(allowed("enable_base64_output", "true or false")), false),
  webhook: webhookInBody("webhook"),
  webhook_url: webhookInBody("webhook_url"),
});
export type SubmitOptions = z.output<typeof submitOptionsSchema>;

/** The whole body of the served submit, as the OpenAPI document describes it. */
export const servedRequestSchema = z.extend(predictionRequestSchema, submitOptionsSchema.shape);

/** The longest image reference a body may carry: base64 of the largest file, with a data: prefix. */
export const MAX_IMAGE_REF_CHARS = Math.ceil(MAX_INPUT_BYTES / 3) * 4 + 64;
/** The largest JSON body a submit carrying `images` image references may need: its other fields, and each image as base64. */
export const maxSubmitBodyBytes = (otherFieldsBytes: number, images: number) => otherFieldsBytes + images * MAX_IMAGE_REF_CHARS;
const IMAGE_WORDS = "an https URL, a data: URI or base64 of a JPEG, PNG, WebP or GIF image";
export const imageRef = (field: string) =>
  z
    .string(allowed(field, IMAGE_WORDS))
    .check(
      z.trim(),
      z.minLength(1, allowed(field, IMAGE_WORDS)),
      z.maxLength(MAX_IMAGE_REF_CHARS, allowed(field, `at most ${MAX_INPUT_BYTES} bytes once decoded`)),
    );

export const EDIT_GUIDANCE_RULE = allowed(
  "guidance_scale",
  `a number from ${MIN_GUIDANCE.toFixed(1)} to ${MAX_EDIT_GUIDANCE.toFixed(1)}`,
);
const IMAGES_LIST_RULE = allowed("images", `a list of ${MIN_MULTI_IMAGES} to ${MAX_MULTI_IMAGES} images`);

/** The fields every edit shares; without aspect_ratio the output keeps the input's shape. */
const editFields = {
  prompt: predictionRequestSchema.shape.prompt,
  aspect_ratio: z.optional(z.enum(ASPECT_RATIOS, allowed("aspect_ratio", `one of ${ASPECT_RATIOS.join(", ")}`))),
  seed: predictionRequestSchema.shape.seed,
  guidance_scale: z._default(
    z.number(EDIT_GUIDANCE_RULE).check(z.gte(MIN_GUIDANCE, EDIT_GUIDANCE_RULE), z.lte(MAX_EDIT_GUIDANCE, EDIT_GUIDANCE_RULE)),
    DEFAULTS.guidance_scale,
  ),
  safety_tolerance: predictionRequestSchema.shape.safety_tolerance,
  ...devOnlyFields,
};

/** `POST /api/v3/wavespeed-ai/flux-kontext-pro` and [max]'s: edit one image with an instruction. */
export const editRequestSchema = z.object({ ...editFields, image: imageRef("image") });
/** `POST /api/v3/wavespeed-ai/flux-kontext-pro/multi` and [max]'s: 2 to 4 images combined under one instruction. */
export const multiRequestSchema = z.object({
  ...editFields,
  images: z
    .array(imageRef("images"), IMAGES_LIST_RULE)
    .check(z.minLength(MIN_MULTI_IMAGES, IMAGES_LIST_RULE), z.maxLength(MAX_MULTI_IMAGES, IMAGES_LIST_RULE)),
});
export type EditRequest = z.input<typeof editRequestSchema>;
export type MultiRequest = z.input<typeof multiRequestSchema>;
export type EditRequestInput = z.output<typeof editRequestSchema>;
export type MultiRequestInput = z.output<typeof multiRequestSchema>;

export const servedEditRequestSchema = z.extend(editRequestSchema, submitOptionsSchema.shape);
export const servedMultiRequestSchema = z.extend(multiRequestSchema, submitOptionsSchema.shape);

const DEV_IMAGES_LIST_RULE = allowed("images", `a list of ${MIN_DEV_MULTI_IMAGES} to ${MAX_MULTI_IMAGES} images`);
const STEPS_RULE = allowed("num_inference_steps", `an integer from ${MIN_STEPS} to ${MAX_STEPS}`);
const SIZE_RULE = allowed(
  "size",
  `a pixel size written "W*H", each side a whole number from ${MIN_SIZE_SIDE} to ${MAX_SIZE_SIDE} (e.g. "1024*1024")`,
);

/**
 * FLUX.1 Kontext [dev]'s body, and its ultra-fast variants': a pixel size and a number of steps
 * where [pro] takes an aspect ratio, a safety checker where [pro] takes a tolerance, and up to four
 * images per edit. Without `size` the output keeps the (first) input's shape.
 */
const devFields = {
  prompt: promptSchema,
  seed: seedSchema,
  size: z.optional(z.string(SIZE_RULE).check(z.refine((size) => parseSize(size) !== undefined, SIZE_RULE))),
  num_inference_steps: z._default(
    z.int(STEPS_RULE).check(z.gte(MIN_STEPS, STEPS_RULE), z.lte(MAX_STEPS, STEPS_RULE)),
    DEV_DEFAULTS.num_inference_steps,
  ),
  guidance_scale: z._default(editFields.guidance_scale.def.innerType, DEV_DEFAULTS.guidance_scale),
  num_images: predictionRequestSchema.shape.num_images,
  output_format: z._default(
    z.enum(OUTPUT_FORMATS, allowed("output_format", `one of ${OUTPUT_FORMATS.join(", ")}`)),
    DEV_DEFAULTS.output_format,
  ),
  enable_safety_checker: z._default(
    z.boolean(allowed("enable_safety_checker", "true or false")),
    DEV_DEFAULTS.enable_safety_checker,
  ),
  aspect_ratio: notTaken("aspect_ratio", 'FLUX.1 Kontext [dev] takes size as "W*H" instead'),
  safety_tolerance: notTaken("safety_tolerance", "FLUX.1 Kontext [dev] takes enable_safety_checker instead"),
};

/** `POST /api/v3/wavespeed-ai/flux-kontext-dev` and `…/flux-kontext-dev-ultra-fast`: edit one image. */
export const devEditRequestSchema = z.object({ ...devFields, image: imageRef("image") });
/** `POST /api/v3/wavespeed-ai/flux-kontext-dev/multi` and `…/multi-ultra-fast`: up to 4 images. */
export const devMultiRequestSchema = z.object({
  ...devFields,
  images: z
    .array(imageRef("images"), DEV_IMAGES_LIST_RULE)
    .check(z.minLength(MIN_DEV_MULTI_IMAGES, DEV_IMAGES_LIST_RULE), z.maxLength(MAX_MULTI_IMAGES, DEV_IMAGES_LIST_RULE)),
});
export type DevEditRequest = z.input<typeof devEditRequestSchema>;
export type DevMultiRequest = z.input<typeof devMultiRequestSchema>;
export type DevEditRequestInput = z.output<typeof devEditRequestSchema>;
export type DevMultiRequestInput = z.output<typeof devMultiRequestSchema>;

/** Each body of the family, by the name the model registry gives it. */
export const REQUEST_SCHEMAS = {
  "kontext-text": predictionRequestSchema,
  "kontext-edit": editRequestSchema,
  "kontext-multi": multiRequestSchema,
  "dev-edit": devEditRequestSchema,
  "dev-multi": devMultiRequestSchema,
} as const satisfies Record<RequestSchemaName, unknown>;

/** The body a model path takes. */
export const requestSchemaOf = (entry: Pick<ModelEntry, "schema">) => REQUEST_SCHEMAS[entry.schema];
/** The whole served body of a path: its model's fields and the submit's options. */
export const servedRequestSchemaOf = (entry: Pick<ModelEntry, "schema">) =>
  z.extend(REQUEST_SCHEMAS[entry.schema], submitOptionsSchema.shape);
/** A body as one of the family's schemas reads it, every default applied. */
export type RunRequestInput = z.output<(typeof REQUEST_SCHEMAS)[RequestSchemaName]>;

/** Which kind of run a request is: by its path on the served contract, by its fields on the playground's own API. */
export type RequestKind = RunKind;
export const requestKindOf = (body: unknown): RequestKind => {
  if (typeof body !== "object" || body === null) return "text";
  if ("images" in body) return "multi";
  return "image" in body ? "edit" : "text";
};

/** The model a run is for, refused with the models that serve its kind when that one does not. */
const modelOf = <const Models extends readonly [ModelName, ...ModelName[]]>(models: Models, kind: RunKind) =>
  z.enum(models, {
    error: (issue) =>
      isModelName(issue.input) ? unservedKindMessage(issue.input, kind) : `model must be one of ${MODEL_NAMES.join(", ")}`,
  });

/**
 * A request for one run as parsed: its kind and model (together, one path of the model registry)
 * and the fields of that path's schema, every default applied.
 */
export type RunRequest =
  | ({ kind: "text"; model: KontextModelName } & PredictionInput)
  | ({ kind: "edit"; model: KontextModelName } & EditRequestInput)
  | ({ kind: "multi"; model: KontextModelName } & MultiRequestInput)
  | ({ kind: "edit"; model: DevModelName } & DevEditRequestInput)
  | ({ kind: "multi"; model: DevModelName } & DevMultiRequestInput);

const isPlainObject = (body: unknown): body is Record<string, unknown> =>
  typeof body === "object" && body !== null && !Array.isArray(body);
/** The playground's own API names the model in the body; [pro] when absent. */
const withModel = (body: Record<string, unknown>) => ({ ...body, model: body.model ?? DEFAULT_MODEL });
const withDefaultModel = z.transform((body: unknown) => (isPlainObject(body) ? withModel(body) : body));
const withKindOfFields = z.transform((body: unknown) =>
  isPlainObject(body) ? { ...withModel(body), kind: requestKindOf(body) } : body,
);

/**
 * A run's body that names its `kind` (and its `model`, [pro] when absent), checked by the schema
 * of that path of the registry, with `extra` fields beside the model's own.
 */
export function kindedRunRequestSchemaWith<Extra extends z.core.$ZodShape>(extra: Extra) {
  const path = <Kind extends RunKind, Models extends readonly [ModelName, ...ModelName[]], Shape extends z.core.$ZodShape>(
    kind: Kind,
    models: Models,
    schema: z.ZodMiniObject<Shape>,
  ) => z.extend(schema, { kind: z.literal(kind), model: modelOf(models, kind), ...extra });
  const byModel = { error: `model must be one of ${MODEL_NAMES.join(", ")}` };
  return z.pipe(
    withDefaultModel,
    z.discriminatedUnion(
      "kind",
      [
        path("text", KONTEXT_MODEL_NAMES, predictionRequestSchema),
        z.discriminatedUnion(
          "model",
          [path("edit", KONTEXT_MODEL_NAMES, editRequestSchema), path("edit", DEV_MODEL_NAMES, devEditRequestSchema)],
          byModel,
        ),
        z.discriminatedUnion(
          "model",
          [path("multi", KONTEXT_MODEL_NAMES, multiRequestSchema), path("multi", DEV_MODEL_NAMES, devMultiRequestSchema)],
          byModel,
        ),
      ],
      { error: "The body must be a JSON object with a run's settings." },
    ),
  );
}

/**
 * A run's body for any model, checked by the schema of the kind its fields name (`image`: an edit,
 * `images`: multi, neither: text-to-image) on the model it names, with `extra` fields beside the model's own.
 */
export function runRequestSchemaWith<Extra extends z.core.$ZodShape>(extra: Extra) {
  return z.pipe(withKindOfFields, kindedRunRequestSchemaWith(extra));
}

/** A run's body for any model, by its fields; the served contract's routes know kind and model by their path instead. */
export const runRequestSchema = runRequestSchemaWith({});
/** A run's body that names its kind. */
export const kindedRunRequestSchema = kindedRunRequestSchemaWith({});

/** The playground's own API names the model in the body (the served contract by its path); [pro] when absent. */
export type ModelChoice = { model?: ModelName };

/** Any run a client may ask for: text-to-image, an edit, or a multi edit, on any model of the family. */
export type AnyPredictionRequest = (PredictionRequest | EditRequest | MultiRequest | DevEditRequest | DevMultiRequest) &
  ModelChoice;
export const isEditRequest = (
  request: AnyPredictionRequest,
): request is (EditRequest | MultiRequest | DevEditRequest | DevMultiRequest) & ModelChoice =>
  "image" in request || "images" in request;

/** What a client may send (defaults not yet applied). */
export type PredictionRequest = z.input<typeof predictionRequestSchema>;
/** A validated request with every default applied. */
export type PredictionInput = z.output<typeof predictionRequestSchema>;

export * from "./contract-answers";
export * from "./contract-paths";
