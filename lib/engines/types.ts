import type { EngineInput, EngineName, PredictionStatus } from "@/lib/domain";

/** An output as an engine hands it over: a URL to mirror, or the bytes themselves. */
export type EngineOutput =
  | { kind: "url"; url: string; nsfw: boolean }
  | { kind: "bytes"; bytes: Buffer; contentType: string; nsfw: boolean };

export type EngineState = {
  status: PredictionStatus;
  outputs: EngineOutput[];
  /** Empty unless failed; shown to the user as it is. */
  error: string;
  inferenceMs: number;
};

export type SubmitOptions = {
  /** Our own prediction id, for logs and for engines that key work by it. */
  predictionId: string;
  /** Where the upstream should POST the final result, when webhooks are on. */
  webhookUrl?: string;
};

/**
 * One small interface for every engine: submit, then ask for the state.
 * Vendor shapes stop inside the engine module.
 */
export interface Engine {
  readonly name: EngineName;
  /** The model id reported in `data.model`. */
  readonly model: string;
  submit(input: EngineInput, options: SubmitOptions): Promise<{ upstreamId: string }>;
  /** `input` lets an engine that forgot a task (a restart) pick it up again. */
  getState(upstreamId: string, input: EngineInput): Promise<EngineState>;
  /**
   * A cheap authenticated call that creates nothing, for engines with an upstream key:
   * throws UpstreamError("auth") while the upstream rejects the key.
   */
  checkKey?(): Promise<void>;
}

export type UpstreamErrorKind =
  /** The key was rejected (401/403). Never retried. */
  | "auth"
  /** 429: over the account's rate or concurrency limit. */
  | "rate_limited"
  /** Connection refused, DNS failure, 5xx: the upstream did not take the request. */
  | "unavailable"
  /** The request went out and no answer came: it may or may not have been accepted. */
  | "outcome_unknown"
  /** A timeout on a read-only call. */
  | "timeout"
  /** The upstream answered with something we cannot parse. */
  | "bad_response"
  /** The upstream refused the request itself (4xx other than auth and 429). */
  | "rejected"
  /** The task id is not known upstream (deleted after 7 days, or never existed). */
  | "not_found";

export class UpstreamError extends Error {
  constructor(
    readonly kind: UpstreamErrorKind,
    message: string,
    readonly details: { httpStatus?: number; retryAfterMs?: number; taskCode?: number } = {},
  ) {
    super(message);
    this.name = "UpstreamError";
  }

  /** Whether sending the same request again is safe and may help. */
  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable" || this.kind === "timeout";
  }
}

/** Where an engine's pushed results (webhooks) come in: verified, then read as the app's state. */
export interface WebhookInbox {
  /** Throws an AppError for an unsigned, forged or unreadable delivery. */
  read(headers: Headers, rawBody: string): Promise<{ upstreamId: string; state: EngineState }>;
}
