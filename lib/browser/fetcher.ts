import { AppError, type ErrorCode } from "@/lib/errors";
import type { Answer, AnswerName } from "./wire";

/** The answers' schemas (and zod) load with the first answer, not with the page. */
const loadWire = () => import("./wire");

/** A check of a small answer written out by hand, for pages that should not load the schemas for it. */
export type Guard<T> = (body: unknown) => T | undefined;

/**
 * The one browser fetcher. Every failure comes back as an AppError: the
 * server's error envelope is rebuilt as-is, anything else is mapped to a code
 * so components only ever deal with one error shape. `answer` names the
 * schema the body must meet (lib/browser/wire.ts), or is a Guard.
 */
export async function fetchJson<K extends AnswerName>(url: string, answer: K, init?: RequestInit): Promise<Answer<K>>;
export async function fetchJson<T>(url: string, answer: Guard<T>, init?: RequestInit): Promise<T>;
export async function fetchJson(url: string, answer: AnswerName | Guard<unknown>, init?: RequestInit): Promise<unknown> {
  const guarded = typeof answer === "function";
  const [response, wire] = await Promise.all([send(url, init), guarded ? undefined : loadWire()]);
  const body = await readJson(response);
  if (!response.ok) throw failure(response, body, (wire ?? (await loadWire())).readErrorEnvelope(body));
  const parsed = guarded ? answer(body) : wire!.readAnswer(answer, body);
  if (parsed === undefined) throw new AppError("internal", "The server sent a response this page does not understand");
  return parsed;
}

/** For endpoints that answer 204 with no body. */
export async function fetchNoContent(url: string, init?: RequestInit): Promise<void> {
  const response = await send(url, init);
  if (response.ok) return;
  const body = await readJson(response);
  throw failure(response, body, (await loadWire()).readErrorEnvelope(body));
}

function failure(response: Response, body: unknown, envelope: ReturnType<typeof import("./wire").readErrorEnvelope>): AppError {
  if (envelope) return AppError.fromEnvelope(envelope);
  return new AppError(
    codeForStatus(response.status),
    messageOf(body) ?? `The server answered ${response.status} ${response.statusText}`.trim(),
  );
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
