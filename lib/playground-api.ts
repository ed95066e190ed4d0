import { z } from "zod/mini";
import { predictionStatusSchema } from "./contract";
import { ASPECT_RATIOS, ENGINE_NAMES, type EngineName, MAX_IMAGES, PREDICTION_STATUSES, SAFETY_TOLERANCES } from "./domain";

/**
 * The playground's own JSON API (`/api/predictions`, `/api/events`), shared by
 * the route handlers that build it and the browser hooks that parse it.
 */
export const engineNameSchema = z.enum(ENGINE_NAMES);

/** What the pages need to know about the engine in use; nothing secret. */
export type EngineSummary = { engine: EngineName; model: string; pricePerImageUsd: number };

export const outputViewSchema = z.object({
  index: z.int(),
  /** Absolute URL of the mirrored original on this server. */
  url: z.string(),
  /** Small WebP for grids. */
  thumbUrl: z.string(),
  width: z.int(),
  height: z.int(),
  contentType: z.string(),
  nsfw: z.boolean(),
});
export type OutputView = z.infer<typeof outputViewSchema>;

/** `?download` makes the server send the original as an attachment named from the prompt and seed. */
export const downloadUrl = (output: Pick<OutputView, "url">) => `${output.url}${output.url.includes("?") ? "&" : "?"}download`;

export const predictionViewSchema = z.object({
  id: z.string(),
  engine: engineNameSchema,
  model: z.string(),
  status: predictionStatusSchema,
  input: z.object({
    prompt: z.string(),
    aspect_ratio: z.enum(ASPECT_RATIOS),
    num_images: z.int().check(z.gte(1), z.lte(MAX_IMAGES)),
    /** The seed actually used, also when a random one was asked for. */
    seed: z.int(),
    guidance_scale: z.number(),
    safety_tolerance: z.enum(SAFETY_TOLERANCES),
  }),
  seedRequested: z.nullable(z.int()),
  error: z.string(),
  inferenceMs: z.int(),
  createdAt: z.string(),
  completedAt: z.nullable(z.string()),
  outputs: z.array(outputViewSchema),
  /** Absolute URL of the share page. */
  shareUrl: z.string(),
  /** Absolute URL of the served contract's result endpoint. */
  resultUrl: z.string(),
});
export type PredictionView = z.infer<typeof predictionViewSchema>;

const LIMIT_RULE = { error: "limit must be an integer from 1 to 100" };
export const historyQuerySchema = z.object({
  cursor: z.optional(z.string().check(z.maxLength(200, { error: "cursor must be a cursor from a previous page" }))),
  limit: z._default(
    z.coerce.number(LIMIT_RULE).check(z.refine(Number.isInteger, LIMIT_RULE), z.gte(1, LIMIT_RULE), z.lte(100, LIMIT_RULE)),
    24,
  ),
  q: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: "q must be at most 500 characters" }))),
  status: z.optional(z.enum(PREDICTION_STATUSES, { error: `status must be one of ${PREDICTION_STATUSES.join(", ")}` })),
});
export type HistoryQueryParams = z.infer<typeof historyQuerySchema>;

export const historyPageSchema = z.object({
  items: z.array(predictionViewSchema),
  nextCursor: z.nullable(z.string()),
  totals: z.object({
    images: z.object({ local: z.int(), wavespeed: z.int() }),
    costUsd: z.number(),
  }),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** `GET /api/budget`: today's WaveSpeed spend against BUDGET_USD_PER_DAY (a UTC day). */
export const budgetViewSchema = z.object({
  day: z.string(),
  budgetUsd: z.number(),
  spentUsd: z.number(),
  leftUsd: z.number(),
});
export type BudgetView = z.infer<typeof budgetViewSchema>;
export const budgetAnswerSchema = z.object({ budget: z.nullable(budgetViewSchema) });
export type BudgetAnswer = z.infer<typeof budgetAnswerSchema>;

/** `GET /api/session`: whether this browser is the owner, and whether this server asks anyone to sign in. */
export const sessionViewSchema = z.object({ owner: z.boolean(), signInRequired: z.boolean() });
export type SessionView = z.infer<typeof sessionViewSchema>;

/** `POST /api/session`: sign in with the access token. */
export const signInSchema = z.object({
  token: z
    .string({ error: "token must be the access token" })
    .check(z.trim(), z.minLength(1, { error: "token must be the access token" })),
});
export type SignInRequest = z.infer<typeof signInSchema>;

/** How many earlier runs the playground shows before "Load earlier runs". */
export const EARLIER_PAGE_SIZE = 12;

/** Server-sent event names on `/api/events`. */
export const PREDICTION_EVENT = "prediction";
export const DELETED_EVENT = "deleted";
