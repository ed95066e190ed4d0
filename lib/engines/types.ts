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

/** One input image of an edit, as an engine receives it: its content hash and its bytes. */
export type EngineImage = { sha256: string; contentType: string; bytes: Buffer };
/** Reads an edit's input images, in order, when the engine needs them (once, then kept). */
export type ImagesOf = () => Promise<EngineImage[]>;

export type SubmitOptions = {
  /** Our own prediction id, for logs and for engines that key work by it. */
  predictionId: string;
  /** Where the upstream should POST the final result, when webhooks are on. */
  webhookUrl?: string;
  /** An edit's input images (input.edit names them). */
  images?: ImagesOf;
};

/**
 * One small interface for every engine: submit, then ask for the state. Every engine takes the
 * three kinds of run: text-to-image, an edit of one image, and a multi edit (input.edit).
 * Vendor shapes stop inside the engine module.
 */
export interface Engine {
  readonly name: EngineName;
  /** The model id of text-to-image runs, reported in `data.model`. */
  readonly model: string;
  /** The model id a run of this input is reported under (edits have their own). */
  modelFor(input: EngineInput): string;
  submit(input: EngineInput, options: SubmitOptions): Promise<{ upstreamId: string }>;
  /** `input` (and an edit's `images`) let an engine that forgot a task (a restart) pick it up again. */
  getState(upstreamId: string, input: EngineInput, images?: ImagesOf): Promise<EngineState>;
  /**
   * Told of an output this engine handed over as a URL, once stored here: the upstream holds that
   * picture at that URL (for as long as it keeps outputs), so an edit of it needs no upload.
   */
  knownImage?(sha256: string, url: string): Promise<void>;
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

/**
 * Where an engine remembers the copies of pictures its upstream holds, by content hash, until they
 * expire there. The store implements it (lib/db UpstreamImageRepo); the engine only sees this.
 */
export type UpstreamImageMemory = {
  find(sha256: string, now: string): Promise<string | undefined>;
  remember(sha256: string, url: string, expiresAt: string): Promise<void>;
};

/** Where an engine's pushed results (webhooks) come in: verified, then read as the app's state. */
export interface WebhookInbox {
  /** Throws an AppError for an unsigned, forged or unreadable delivery. */
  read(headers: Headers, rawBody: string): Promise<{ upstreamId: string; state: EngineState }>;
}
