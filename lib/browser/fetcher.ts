import { type core, safeParse } from "zod/mini";
import { errorEnvelopeSchema } from "@/lib/contract";
import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * The one browser fetcher. Every failure comes back as an AppError: the
 * server's error envelope is rebuilt as-is, anything else is mapped to a code
 * so components only ever deal with one error shape.
 */
export async function fetchJson<T>(url: string, schema: core.$ZodType<T>, init?: RequestInit): Promise<T> {
  const response = await send(url, init);
  const body = await readJson(response);

  if (!response.ok) {
    const envelope = errorEnvelopeSchema.safeParse(body);
    if (envelope.success) throw AppError.fromEnvelope(envelope.data);
    throw new AppError(
      codeForStatus(response.status),
      messageOf(body) ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    );
  }

  const parsed = safeParse(schema, body);
  if (!parsed.success) throw new AppError("internal", "The server sent a response this page does not understand");
  return parsed.data;
}

/** For endpoints that answer 204 with no body. */
export async function fetchNoContent(url: string, init?: RequestInit): Promise<void> {
  const response = await send(url, init);
  if (response.ok) return;
  const body = await readJson(response);
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (envelope.success) throw AppError.fromEnvelope(envelope.data);
  throw new AppError(codeForStatus(response.status), messageOf(body) ?? `The server answered ${response.status}`);
}

/** Failures where no answer came at all (the server unreachable, the connection dropped). */
const unanswered = new WeakSet<AppError>();

/** Whether a request failed without any answer: it may or may not have reached the server. */
export const wasUnanswered = (error: unknown) => error instanceof AppError && unanswered.has(error);

async function send(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch (error) {
    // An abort is the caller's decision, not a failure worth a message.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    const failure = new AppError("upstream_unavailable", "Cannot reach the playground server. Is it running?");
    unanswered.add(failure);
    throw failure;
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The server's own words from a body that is not quite the envelope (a proxy's or an older server's JSON error). */
function messageOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { message, error } = body as { message?: unknown; error?: unknown };
  const text = typeof message === "string" ? message : typeof error === "string" ? error : undefined;
  return text?.trim() ? text.trim() : undefined;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 404) return "not_found";
  if (status === 401) return "unauthorized";
  if (status === 405) return "method_not_allowed";
  if (status === 413) return "payload_too_large";
  if (status === 422) return "idempotency_key_reused";
  if (status === 503) return "upstream_unavailable";
  if (status === 507) return "storage_full";
  if (status >= 400 && status < 500) return "invalid_request";
  return "internal";
}
