// zod/mini: the same schemas and messages as classic zod, a fraction of the browser bundle.
import { z } from "zod/mini";
import {
  ASPECT_RATIOS,
  DEFAULTS,
  type EDIT_KINDS,
  hasVisibleCharacter,
  INPUT_CONTENT_TYPES,
  KONTEXT_MODELS,
  MAX_EDIT_GUIDANCE,
  MAX_GUIDANCE,
  MAX_IMAGES,
  MAX_INPUT_BYTES,
  MAX_MULTI_IMAGES,
  MAX_PROMPT_CHARS,
  MAX_SEED,
  MIN_GUIDANCE,
  MIN_IMAGES,
  MIN_MULTI_IMAGES,
  MIN_SEED,
  PREDICTION_STATUSES,
  promptLength,
  SAFETY_TOLERANCES,
} from "./domain";

/**
 * The WaveSpeed prediction contract for FLUX.1 Kontext [pro]: text-to-image, image-to-image (edit)
 * and multi. One schema serves the form, the route handlers, the engines and the tests.
 */

export const MODEL_ID = KONTEXT_MODELS.text;
export const SUBMIT_PATH = `/api/v3/${MODEL_ID}` as const;
export const EDIT_MODEL_ID = KONTEXT_MODELS.edit;
export const MULTI_MODEL_ID = KONTEXT_MODELS.multi;
export const EDIT_PATH = `/api/v3/${EDIT_MODEL_ID}` as const;
export const MULTI_PATH = `/api/v3/${MULTI_MODEL_ID}` as const;
/** WaveSpeed's media uploads: the official SDK's ticket, and the documented multipart upload. */
export const UPLOAD_TICKET_PATH = "/api/v3/media/uploads";
export const UPLOAD_BINARY_PATH = "/api/v3/media/upload/binary";
export const resultPath = (id: string) => `/api/v3/predictions/${encodeURIComponent(id)}/result`;

const allowed = (field: string, what: string) => ({ error: `${field} must be ${what}` });

const PROMPT_RULE = allowed("prompt", "non-empty text");
const PROMPT_VISIBLE_RULE = allowed("prompt", "text with at least one visible character, not only spaces or invisible ones");
const PROMPT_LENGTH_RULE = allowed(
  "prompt",
  `at most ${MAX_PROMPT_CHARS} characters: the model reads about 512 tokens and would ignore the rest`,
);
const IMAGES_RULE = allowed("num_images", `an integer from ${MIN_IMAGES} to ${MAX_IMAGES}`);
const SEED_RULE = allowed("seed", `an integer from ${MIN_SEED} to ${MAX_SEED} (-1 means random)`);
const GUIDANCE_RULE = allowed("guidance_scale", `a number from ${MIN_GUIDANCE.toFixed(1)} to ${MAX_GUIDANCE.toFixed(1)}`);

export const predictionRequestSchema = z.object({
  prompt: z.string(PROMPT_RULE).check(
    z.trim(),
    z.minLength(1, PROMPT_RULE),
    z.refine(hasVisibleCharacter, PROMPT_VISIBLE_RULE),
    z.refine((prompt) => promptLength(prompt) <= MAX_PROMPT_CHARS, PROMPT_LENGTH_RULE),
  ),
  aspect_ratio: z._default(
    z.enum(ASPECT_RATIOS, allowed("aspect_ratio", `one of ${ASPECT_RATIOS.join(", ")}`)),
    DEFAULTS.aspect_ratio,
  ),
  num_images: z._default(
    z.int(IMAGES_RULE).check(z.gte(MIN_IMAGES, IMAGES_RULE), z.lte(MAX_IMAGES, IMAGES_RULE)),
    DEFAULTS.num_images,
  ),
  // null and -1 both ask for a random seed; the service picks one and records it.
  seed: z.nullish(z.int(SEED_RULE).check(z.gte(MIN_SEED, SEED_RULE), z.lte(MAX_SEED, SEED_RULE))),
  guidance_scale: z._default(
    z.number(GUIDANCE_RULE).check(z.gte(MIN_GUIDANCE, GUIDANCE_RULE), z.lte(MAX_GUIDANCE, GUIDANCE_RULE)),
    DEFAULTS.guidance_scale,
  ),
  safety_tolerance: z._default(
    z.enum(SAFETY_TOLERANCES, allowed("safety_tolerance", `one of the strings "1" (most strict) to "5" (most permissive)`)),
    DEFAULTS.safety_tolerance,
  ),
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

export const WEBHOOK_URL_MAX = 2048;

/** The query of the served submit: where to POST the final state, signed. */
export const submitQuerySchema = z.object({
  webhook: z.optional(
    z
      .string(allowed("webhook", "an https URL"))
      .check(
        z.maxLength(WEBHOOK_URL_MAX, allowed("webhook", `a URL of at most ${WEBHOOK_URL_MAX} characters`)),
        z.url(allowed("webhook", "an absolute https URL")),
      ),
  ),
});

/** The longest image reference a body may carry: base64 of the largest file, with a data: prefix. */
export const MAX_IMAGE_REF_CHARS = Math.ceil(MAX_INPUT_BYTES / 3) * 4 + 64;
/** The largest JSON body a submit carrying `images` image references may need: its other fields, and each image as base64. */
export const maxSubmitBodyBytes = (otherFieldsBytes: number, images: number) => otherFieldsBytes + images * MAX_IMAGE_REF_CHARS;
const IMAGE_WORDS = "an https URL, a data: URI or base64 of a JPEG, PNG, WebP or GIF image";
const imageRef = (field: string) =>
  z
    .string(allowed(field, IMAGE_WORDS))
    .check(
      z.trim(),
      z.minLength(1, allowed(field, IMAGE_WORDS)),
      z.maxLength(MAX_IMAGE_REF_CHARS, allowed(field, `at most ${MAX_INPUT_BYTES} bytes once decoded`)),
    );

const EDIT_GUIDANCE_RULE = allowed(
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
};

/** `POST /api/v3/wavespeed-ai/flux-kontext-pro`: edit one image with an instruction. */
export const editRequestSchema = z.object({ ...editFields, image: imageRef("image") });
/** `POST /api/v3/wavespeed-ai/flux-kontext-pro/multi`: 2 to 4 images combined under one instruction. */
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

/** Which model a request is for: by its path on the served contract, by its fields on the playground's own API. */
export type RequestKind = "text" | (typeof EDIT_KINDS)[number];
export const requestKindOf = (body: unknown): RequestKind => {
  if (typeof body !== "object" || body === null) return "text";
  if ("images" in body) return "multi";
  return "image" in body ? "edit" : "text";
};

/** A request for one run as parsed: which model (`kind`) and its fields, every default applied. */
export type RunRequest =
  | ({ kind: "text" } & z.output<typeof predictionRequestSchema>)
  | ({ kind: "edit" } & EditRequestInput)
  | ({ kind: "multi" } & MultiRequestInput);

const withKindOfFields = z.transform((body: unknown) =>
  typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body, kind: requestKindOf(body) } : body,
);

/** A run's body that names its `kind`, checked by that kind's schema, with `extra` fields beside the model's own. */
export function kindedRunRequestSchemaWith<Extra extends z.core.$ZodShape>(extra: Extra) {
  return z.discriminatedUnion(
    "kind",
    [
      z.extend(predictionRequestSchema, { kind: z.literal("text"), ...extra }),
      z.extend(editRequestSchema, { kind: z.literal("edit"), ...extra }),
      z.extend(multiRequestSchema, { kind: z.literal("multi"), ...extra }),
    ],
    { error: "The body must be a JSON object with a run's settings." },
  );
}

/**
 * A run's body for any model, checked by the schema of the kind its fields name (`image`: an edit,
 * `images`: multi, neither: text-to-image), with `extra` fields beside the model's own.
 */
export function runRequestSchemaWith<Extra extends z.core.$ZodShape>(extra: Extra) {
  return z.pipe(withKindOfFields, kindedRunRequestSchemaWith(extra));
}

/** A run's body for any model, by its fields; the served contract's routes know the kind by their path instead. */
export const runRequestSchema = runRequestSchemaWith({});
/** A run's body that names its kind. */
export const kindedRunRequestSchema = kindedRunRequestSchemaWith({});

/** Any run a client may ask for: text-to-image, an edit, or a multi edit. */
export type AnyPredictionRequest = PredictionRequest | EditRequest | MultiRequest;
export const isEditRequest = (request: AnyPredictionRequest): request is EditRequest | MultiRequest =>
  "image" in request || "images" in request;

const UPLOAD_TYPES = [...INPUT_CONTENT_TYPES, "image/gif"] as const;
/** `POST /api/v3/media/uploads`, as the official SDK sends it: a ticket for one file, PUT next. */
export const uploadTicketRequestSchema = z.object({
  filename: z
    .string(allowed("filename", "the name of the file"))
    .check(
      z.trim(),
      z.minLength(1, allowed("filename", "the name of the file")),
      z.maxLength(255, allowed("filename", "at most 255 characters")),
    ),
  size: z.int(allowed("size", "the file's size in bytes")).check(z.gte(1, allowed("size", "at least 1 byte"))),
  content_type: z.optional(z.string(allowed("content_type", "a MIME type"))),
});
export const UPLOAD_CONTENT_TYPES: readonly string[] = UPLOAD_TYPES;

export const uploadTicketEnvelopeSchema = z.object({
  code: z.int(),
  message: z.string(),
  data: z.object({
    download_url: z.string(),
    upload: z.object({ url: z.string(), method: z.literal("PUT"), headers: z.record(z.string(), z.string()) }),
  }),
});
export type UploadTicketEnvelope = z.infer<typeof uploadTicketEnvelopeSchema>;

/** The answer of an upload: where the file can be read (and given as an image input). */
export const uploadedEnvelopeSchema = z.object({
  code: z.int(),
  message: z.string(),
  data: z.object({ type: z.string(), download_url: z.string(), filename: z.string(), size: z.int() }),
});
export type UploadedEnvelope = z.infer<typeof uploadedEnvelopeSchema>;

/** What a client may send (defaults not yet applied). */
export type PredictionRequest = z.input<typeof predictionRequestSchema>;
/** A validated request with every default applied. */
export type PredictionInput = z.output<typeof predictionRequestSchema>;

export const predictionStatusSchema = z.enum(PREDICTION_STATUSES);

export const predictionDataSchema = z.object({
  id: z.string(),
  model: z.string(),
  outputs: z.array(z.string()),
  urls: z.object({ get: z.string() }),
  has_nsfw_contents: z.array(z.boolean()),
  status: predictionStatusSchema,
  created_at: z.string(),
  error: z.string(),
  timings: z.object({ inference: z.int() }),
});
export type PredictionData = z.infer<typeof predictionDataSchema>;

export const predictionEnvelopeSchema = z.object({
  code: z.int(),
  message: z.string(),
  data: predictionDataSchema,
});
export type PredictionEnvelope = z.infer<typeof predictionEnvelopeSchema>;

/**
 * A sync submit that did not end within SYNC_MODE_TIMEOUT_MS: HTTP 504, the envelope with the
 * task as it stands (its id and urls.get to poll), while the task goes on.
 */
export const syncTimeoutEnvelopeSchema = z.object({
  code: z.literal(504),
  message: z.string(),
  data: predictionDataSchema,
  error_code: z.literal("sync_timeout"),
});
export type SyncTimeoutEnvelope = z.infer<typeof syncTimeoutEnvelopeSchema>;

/** The parameters a prediction ran with, every default applied and the seed concrete. */
export const predictionInputSchema = z.object({
  prompt: z.string(),
  aspect_ratio: z.enum(ASPECT_RATIOS),
  num_images: z.int(),
  seed: z.int(),
  guidance_scale: z.number(),
  safety_tolerance: z.enum(SAFETY_TOLERANCES),
});

/** An edit's parameters as it ran: its input picture(s) as URLs on this server, an aspect ratio only when one was asked for. */
const editTaskFields = {
  prompt: z.string(),
  aspect_ratio: z.optional(z.enum(ASPECT_RATIOS)),
  seed: z.int(),
  guidance_scale: z.number(),
  safety_tolerance: z.enum(SAFETY_TOLERANCES),
};
export const editTaskInputSchema = z.object({ ...editTaskFields, image: z.string() });
export const multiTaskInputSchema = z.object({ ...editTaskFields, images: z.array(z.string()) });
export const taskInputSchema = z.union([predictionInputSchema, editTaskInputSchema, multiTaskInputSchema]);
export type TaskInput = z.infer<typeof taskInputSchema>;

/**
 * What a webhook receives when the task ends: the task object itself with its input, as
 * WaveSpeed posts it (not the envelope), signed with webhook-id, webhook-timestamp and
 * webhook-signature headers.
 */
export const webhookPayloadSchema = z.extend(predictionDataSchema, { input: taskInputSchema });
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/** GET /api/v3/webhook/secret: the secret webhooks are signed with. */
export const webhookSecretEnvelopeSchema = z.object({
  code: z.int(),
  message: z.string(),
  data: z.object({ secret: z.string() }),
});

/** Error bodies keep the envelope's shape; `field` names the offending input. */
export const errorEnvelopeSchema = z.object({
  code: z.int(),
  message: z.string(),
  data: z.null(),
  error_code: z.optional(z.string()),
  field: z.optional(z.string()),
  /** On a 402 `budget_exceeded`: the daily budget and what is left of it today, in US dollars. */
  budget_usd: z.optional(z.number()),
  left_usd: z.optional(z.number()),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The first issue of a failed parse, as one sentence that names the field. */
export function describeIssues(error: z.core.$ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join(".") : undefined;
  if (!issue) return { message: "invalid request" };
  if (issue.message.includes(" must be ")) return { message: issue.message, field };
  return { message: field ? `${field}: ${issue.message}` : issue.message, field };
}
