import type { ErrorEnvelope } from "./contract";

/**
 * The one error type. Every route answers failures through it, in the
 * contract's envelope; the browser rebuilds it from that body in one fetcher.
 */
export type ErrorCode =
  | "invalid_request"
  | "invalid_json"
  | "payload_too_large"
  | "unsupported_media_type"
  | "not_found"
  | "method_not_allowed"
  | "unauthorized"
  | "forbidden"
  | "misdirected"
  | "rate_limited"
  | "queue_full"
  | "budget_exceeded"
  | "conflict"
  | "idempotency_key_reused"
  | "storage_full"
  | "server_busy"
  | "upstream_auth"
  | "upstream_rejected"
  | "upstream_unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
  method_not_allowed: 405,
  unauthorized: 401,
  forbidden: 403,
  misdirected: 421,
  rate_limited: 429,
  queue_full: 429,
  budget_exceeded: 402,
  conflict: 409,
  idempotency_key_reused: 422,
  storage_full: 507,
  server_busy: 503,
  // The caller's request cannot succeed while the upstream rejects the key, as on WaveSpeed itself.
  upstream_auth: 401,
  upstream_rejected: 502,
  upstream_unavailable: 503,
  internal: 500,
};

// Instrumentation and route handlers are bundled apart, so one process can hold
// two copies of this class; a global symbol recognises either.
const BRAND = Symbol.for("kontext-playground.AppError");

/** What some refusals say besides the message: when to come back, and figures for the envelope. */
export type AppErrorExtras = {
  /** Sent as `Retry-After`. */
  retryAfterSeconds?: number;
  /** Sent as `Allow`: the methods an endpoint serves, with a 405. */
  allow?: string;
  /** Extra envelope fields, e.g. the budget and what is left of it. */
  details?: Pick<ErrorEnvelope, "budget_usd" | "left_usd">;
};

export class AppError extends Error {
  readonly status: number;
  readonly [BRAND] = true;

  /**
   * @param field the offending input (a body field, a query parameter or a header), when one is to blame
   * @param extras what the answer carries besides the message: headers such as `Retry-After` or `Allow`, envelope figures
   */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly extras: AppErrorExtras = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }

  toEnvelope(): ErrorEnvelope {
    return {
      code: this.status,
      message: this.message,
      data: null,
      error_code: this.code,
      ...(this.field ? { field: this.field } : {}),
      ...this.extras.details,
    };
  }

  /** Headers that belong with this error's response. */
  headers(): Record<string, string> {
    const { retryAfterSeconds, allow } = this.extras;
    return {
      ...(retryAfterSeconds === undefined ? {} : { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) }),
      ...(allow === undefined ? {} : { Allow: allow }),
    };
  }

  static fromEnvelope(body: ErrorEnvelope): AppError {
    const code = (body.error_code && body.error_code in STATUS ? body.error_code : "internal") as ErrorCode;
    return new AppError(code, body.message, body.field);
  }
}

export const isAppError = (error: unknown): error is AppError =>
  typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
