import { z } from "zod/mini";
import { ASPECT_RATIOS, OUTPUT_FORMATS, PREDICTION_STATUSES, SAFETY_TOLERANCES } from "./domain";

/**
 * What the served contract answers (lib/contract.ts holds what it is asked): the envelope of a
 * task, a task's input as a webhook carries it, upload answers, and the error envelope.
 */

/** The words every refusal of a field uses: "<field> must be <what>". */
export const allowed = (field: string, what: string) => ({ error: `${field} must be ${what}` });

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
/** A [dev] edit's parameters as it ran: its size only when one was asked for. */
const devTaskFields = {
  prompt: z.string(),
  size: z.optional(z.string()),
  num_inference_steps: z.int(),
  guidance_scale: z.number(),
  num_images: z.int(),
  seed: z.int(),
  output_format: z.enum(OUTPUT_FORMATS),
  enable_safety_checker: z.boolean(),
};
export const devEditTaskInputSchema = z.object({ ...devTaskFields, image: z.string() });
export const devMultiTaskInputSchema = z.object({ ...devTaskFields, images: z.array(z.string()) });
export const taskInputSchema = z.union([
  predictionInputSchema,
  editTaskInputSchema,
  multiTaskInputSchema,
  devEditTaskInputSchema,
  devMultiTaskInputSchema,
]);
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
