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
  | "unauthorized"
  | "forbidden"
  | "conflict"
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
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  upstream_auth: 502,
  upstream_rejected: 502,
  upstream_unavailable: 503,
  internal: 500,
};

// Instrumentation and route handlers are bundled apart, so one process can hold
// two copies of this class; a global symbol recognises either.
const BRAND = Symbol.for("kontext-playground.AppError");

export class AppError extends Error {
  readonly status: number;
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
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
    };
  }

  static fromEnvelope(body: ErrorEnvelope): AppError {
    const code = (body.error_code && body.error_code in STATUS ? body.error_code : "internal") as ErrorCode;
    return new AppError(code, body.message, body.field);
  }
}

export const isAppError = (error: unknown): error is AppError =>
  typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
