import "server-only";
import { createHash } from "node:crypto";
import type { PredictionInput } from "../../contract";
import type { IdempotencyClaim } from "../../db/prediction-repo";
import {
  DEFAULT_MODEL,
  DEFAULT_PREDICTION_OPTIONS,
  type ModelName,
  type PredictionOptions,
  RANDOM_SEED,
  wantsRandomSeed,
} from "../../domain";
import { AppError } from "../../errors";
import type { PreparedRun } from "../types";

/**
 * `Idempotency-Key` on submits: a client that retries after a lost answer sends the same key and gets
 * the prediction its first request made, instead of a second one (and a second bill upstream).
 */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** How long a key holds; after that the same key makes a new prediction. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

// Visible ASCII, up to 255 characters: UUIDs, ULIDs and the like, as other APIs with this header accept.
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The key a request carries, or undefined without one; a malformed key is a 400 naming the header. */
export function readIdempotencyKey(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const key = value.trim();
  if (!KEY_PATTERN.test(key)) {
    throw new AppError(
      "invalid_request",
      `${IDEMPOTENCY_HEADER} must be 1 to 255 visible ASCII characters (a UUID is a good choice).`,
      IDEMPOTENCY_HEADER,
    );
  }
  return key;
}

/**
 * The claim a key makes for a validated request; requests alike once defaults apply have one
 * fingerprint. What the served contract asked of the answer (sync, base64, a webhook) and where the
 * run came from are part of the request too.
 */
export function claimFor(
  key: string,
  request: Omit<PredictionInput, "aspect_ratio" | "size" | "num_inference_steps"> & {
    aspect_ratio: PredictionInput["aspect_ratio"] | null;
    edit?: unknown;
    model?: ModelName;
    size?: string;
    num_inference_steps?: number;
    output_format?: string;
    enable_safety_checker?: boolean;
  },
  extras: { options?: PredictionOptions; webhook?: { url: string }; parent?: { id: string; kind: string } | null } = {},
  now = Date.now(),
): IdempotencyClaim {
  // Fields in one order, and every way of asking for a random seed (absent, null, -1) alike.
  const { prompt, aspect_ratio, num_images, seed, guidance_scale, safety_tolerance } = request;
  const options = { ...DEFAULT_PREDICTION_OPTIONS, ...extras.options };
  const canonical = [
    prompt,
    aspect_ratio,
    num_images,
    wantsRandomSeed(seed) ? RANDOM_SEED : seed,
    guidance_scale,
    safety_tolerance,
    options.syncMode,
    options.base64Output,
    extras.webhook?.url ?? null,
    extras.parent ? [extras.parent.id, extras.parent.kind] : null,
    // An edit's kind and pictures; a text request's fingerprint stays as it always was.
    ...(request.edit ? [request.edit] : []),
    // Another model than [pro], and [dev]'s own fields: a [pro] request's fingerprint stays as it was.
    ...(request.model && request.model !== DEFAULT_MODEL
      ? [request.model, request.size ?? null, request.num_inference_steps, request.output_format, request.enable_safety_checker]
      : []),
  ];
  return {
    key,
    fingerprint: createHash("sha256").update(JSON.stringify(canonical)).digest("hex"),
    createdAt: new Date(now).toISOString(),
    expiredBefore: new Date(now - IDEMPOTENCY_TTL_MS).toISOString(),
  };
}

/** The claim a key makes for a run as prepared: the request as asked, an edit's pictures by their hashes. */
export function claimForRun(key: string, { input, seedRequested }: PreparedRun, extras: Parameters<typeof claimFor>[2]) {
  const { edit, ...fields } = input;
  const request = {
    ...fields,
    aspect_ratio: edit?.matchInput ? null : fields.aspect_ratio,
    seed: seedRequested ?? undefined,
    edit: edit && { kind: edit.kind, images: edit.images.map((image) => image.sha256) },
  };
  return claimFor(key, request, extras);
}

export const keyReused = () =>
  new AppError(
    "idempotency_key_reused",
    `This ${IDEMPOTENCY_HEADER} was already used within 24 hours with a different request; send a new key for a new request.`,
    IDEMPOTENCY_HEADER,
  );
