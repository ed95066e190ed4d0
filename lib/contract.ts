// zod/mini: the same schemas and messages as classic zod, a fraction of the browser bundle.
import { z } from "zod/mini";
import {
  ASPECT_RATIOS,
  DEFAULTS,
  hasVisibleCharacter,
  MAX_GUIDANCE,
  MAX_IMAGES,
  MAX_PROMPT_CHARS,
  MAX_SEED,
  MIN_GUIDANCE,
  MIN_IMAGES,
  MIN_SEED,
  PREDICTION_STATUSES,
  promptLength,
  SAFETY_TOLERANCES,
} from "./domain";

/**
 * The WaveSpeed prediction contract for FLUX.1 Kontext [pro] text-to-image.
 * One schema serves the form, the route handlers, the engines and the tests.
 */

export const MODEL_ID = "wavespeed-ai/flux-kontext-pro/text-to-image";
export const SUBMIT_PATH = `/api/v3/${MODEL_ID}`;
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
