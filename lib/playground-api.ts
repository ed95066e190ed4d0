import { z } from "zod";
import { ASPECT_RATIOS, MAX_IMAGES, predictionStatusSchema, SAFETY_TOLERANCES } from "./contract";

/**
 * The playground's own JSON API (`/api/predictions`, `/api/events`), shared by
 * the route handlers that build it and the browser hooks that parse it.
 */
export const ENGINE_NAMES = ["local", "wavespeed"] as const;
export const engineNameSchema = z.enum(ENGINE_NAMES);

export const outputViewSchema = z.object({
  index: z.number().int(),
  /** Absolute URL of the mirrored original on this server. */
  url: z.string(),
  /** Small WebP for grids. */
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  contentType: z.string(),
  nsfw: z.boolean(),
});
export type OutputView = z.infer<typeof outputViewSchema>;

export const predictionViewSchema = z.object({
  id: z.string(),
  engine: engineNameSchema,
  model: z.string(),
  status: predictionStatusSchema,
  input: z.object({
    prompt: z.string(),
    aspect_ratio: z.enum(ASPECT_RATIOS),
    num_images: z.number().int().min(1).max(MAX_IMAGES),
    /** The seed actually used, also when a random one was asked for. */
    seed: z.number().int(),
    guidance_scale: z.number(),
    safety_tolerance: z.enum(SAFETY_TOLERANCES),
  }),
  seedRequested: z.number().int().nullable(),
  error: z.string(),
  inferenceMs: z.number().int(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  outputs: z.array(outputViewSchema),
  /** Absolute URL of the share page. */
  shareUrl: z.string(),
  /** Absolute URL of the served contract's result endpoint. */
  resultUrl: z.string(),
});
export type PredictionView = z.infer<typeof predictionViewSchema>;

export const historyQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ error: "limit must be an integer from 1 to 100" }).int().min(1).max(100).default(24),
  q: z.string().trim().max(500).optional(),
  status: predictionStatusSchema.optional(),
});
export type HistoryQueryParams = z.infer<typeof historyQuerySchema>;

export const historyPageSchema = z.object({
  items: z.array(predictionViewSchema),
  nextCursor: z.string().nullable(),
  totals: z.object({
    images: z.object({ local: z.number().int(), wavespeed: z.number().int() }),
    costUsd: z.number(),
  }),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** Server-sent event names on `/api/events`. */
export const PREDICTION_EVENT = "prediction";
export const DELETED_EVENT = "deleted";
