/**
 * Waiting and trying again, decided in one place. Engines and downloads report
 * what happened (an UpstreamError's kind and Retry-After); only `nextTry` decides
 * whether another attempt is safe and when it goes.
 */
import type { UpstreamErrorKind } from "./engines/types";

export type BackoffOptions = { baseMs: number; capMs: number; random?: () => number };

/**
 * Exponential backoff with full jitter (AWS architecture blog): a uniform pick in
 * [0, min(cap, base * 2^(attempt-1))]. Spreads clients that failed together.
 */
export function fullJitterBackoff(attempt: number, { baseMs, capMs, random = Math.random }: BackoffOptions): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type RetryPolicy = {
  backoff: BackoffOptions;
  /** Submit attempts in all while the upstream is unavailable (it refused the task, so none exists). */
  maxSubmitAttempts: number;
  /** Failed polls in a row that are tolerated; the next one ends the task. */
  maxPollFailures: number;
  /** Download attempts in all for one output. */
  maxDownloadAttempts: number;
  /** Attempts in all to write a prediction's final state to our own store. */
  maxStoreAttempts: number;
};

/** What went wrong with one call, as the caller reports it. `storage_full`: our own disk is full or read-only. */
export type Failure = { kind: UpstreamErrorKind | "storage_full" | "other"; retryAfterMs?: number };

/** download: fetching an output and saving it; store: writing a prediction's final state to our store. */
export type Call = "submit" | "poll" | "download" | "store";

/**
 * Whether to try again, and after how long; undefined means stop. `attempt` counts
 * the calls made so far (for polls: the failures in a row).
 * - A submit goes again only where the upstream certainly created no task: a 429
 *   (until the deadline) or an unavailable upstream (up to maxSubmitAttempts).
 *   Anything that may have created a task is never resent: it would be paid twice.
 * - Polls and downloads only read: polls retry transient failures, downloads any failure but a
 *   full disk (another download fills it no less), each up to its limit.
 * - A final state (completed, failed) must reach the store, or the prediction would look
 *   unfinished with nothing working on it: every failure is tried again, up to maxStoreAttempts.
 * Retry-After, when given, is the wait; otherwise the jittered backoff. A wait that
 * would end past the deadline (`msLeft`) is not started.
 */
export function nextTry(
  call: Call,
  failure: Failure,
  attempt: number,
  policy: RetryPolicy,
  msLeft = Number.POSITIVE_INFINITY,
): number | undefined {
  if (!mayTryAgain(call, failure.kind, attempt, policy)) return undefined;
  const delay = failure.retryAfterMs ?? fullJitterBackoff(attempt, policy.backoff);
  return delay <= msLeft ? delay : undefined;
}

function mayTryAgain(call: Call, kind: Failure["kind"], attempt: number, policy: RetryPolicy): boolean {
  switch (call) {
    case "submit":
      return kind === "rate_limited" || (kind === "unavailable" && attempt < policy.maxSubmitAttempts);
    case "poll":
      return TRANSIENT_POLL.has(kind) && attempt <= policy.maxPollFailures;
    case "download":
      // A CDN may answer an error page, or a cut-off body, for a moment: every failure is worth another try.
      return kind !== "storage_full" && attempt < policy.maxDownloadAttempts;
    case "store":
      return attempt < policy.maxStoreAttempts;
  }
}

/** Poll failures that another try may not meet. A garbled answer counts too: the next one may be whole. */
const TRANSIENT_POLL = new Set<Failure["kind"]>(["rate_limited", "unavailable", "timeout", "bad_response"]);

export type DeliveryRetryPolicy = {
  backoff: BackoffOptions;
  /** How long after the first attempt a webhook delivery is still tried. */
  windowMs: number;
};

/**
 * Whether a failed webhook delivery goes again, and after how long; undefined means give up.
 * A POST of a finished task's state is safe to repeat (receivers deduplicate by webhook-id),
 * and a receiver may be down for hours, so every failure is tried again until the window
 * closes (`msLeft`), after the receiver's Retry-After or the jittered backoff.
 */
export function nextDeliveryTry(
  attempt: number,
  failure: { retryAfterMs?: number },
  policy: DeliveryRetryPolicy,
  msLeft: number,
): number | undefined {
  const delay = failure.retryAfterMs ?? fullJitterBackoff(attempt, policy.backoff);
  return delay <= msLeft ? delay : undefined;
}
