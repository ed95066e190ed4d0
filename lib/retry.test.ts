import { describe, expect, it } from "vitest";
import { fullJitterBackoff, nextDeliveryTry, nextTry, parseRetryAfter, type RetryPolicy } from "./retry";

const policy: RetryPolicy = {
  backoff: { baseMs: 250, capMs: 5000, random: () => 0.5 },
  maxSubmitAttempts: 4,
  maxPollFailures: 8,
  maxDownloadAttempts: 3,
  maxStoreAttempts: 4,
};

describe("backoff", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Tue, 01 Jan 2030 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Mon, 31 Dec 2029 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("draws full jitter under an exponential ceiling with a cap", () => {
    const options = { baseMs: 250, capMs: 5000 };
    expect(fullJitterBackoff(1, { ...options, random: () => 0.999999 })).toBe(250);
    expect(fullJitterBackoff(3, { ...options, random: () => 0.5 })).toBe(500);
    expect(fullJitterBackoff(10, { ...options, random: () => 1 })).toBe(5000);
    expect(fullJitterBackoff(4, { ...options, random: () => 0 })).toBe(0);
  });
});

describe("nextTry: the one resend decision", () => {
  it("sends a submit again after a 429 for as long as the deadline allows, waiting out Retry-After", () => {
    expect(nextTry("submit", { kind: "rate_limited", retryAfterMs: 2000 }, 1, policy)).toBe(2000);
    expect(nextTry("submit", { kind: "rate_limited" }, 30, policy)).toBe(2500);
    expect(nextTry("submit", { kind: "rate_limited", retryAfterMs: 30_000 }, 1, policy, 10_000)).toBeUndefined();
  });

  it("sends a submit again while the upstream is unavailable, up to maxSubmitAttempts in all", () => {
    expect(nextTry("submit", { kind: "unavailable" }, 1, policy)).toBe(125);
    expect(nextTry("submit", { kind: "unavailable" }, 3, policy)).toBe(500);
    expect(nextTry("submit", { kind: "unavailable" }, 4, policy)).toBeUndefined();
  });

  it("never sends again a submit that may have created a task", () => {
    for (const kind of ["outcome_unknown", "bad_response", "timeout", "auth", "rejected", "not_found", "other"] as const) {
      expect(nextTry("submit", { kind }, 1, policy)).toBeUndefined();
    }
  });

  it("polls again after transient failures, maxPollFailures in a row at most", () => {
    for (const kind of ["rate_limited", "unavailable", "timeout", "bad_response"] as const) {
      expect(nextTry("poll", { kind }, 1, policy)).toBe(125);
    }
    expect(nextTry("poll", { kind: "unavailable", retryAfterMs: 2000 }, 8, policy)).toBe(2000);
    expect(nextTry("poll", { kind: "unavailable" }, 9, policy)).toBeUndefined();
    expect(nextTry("poll", { kind: "auth" }, 1, policy)).toBeUndefined();
    expect(nextTry("poll", { kind: "not_found" }, 1, policy)).toBeUndefined();
  });

  it("downloads again after any failure, maxDownloadAttempts in all", () => {
    expect(nextTry("download", { kind: "other" }, 2, policy)).toBe(250);
    expect(nextTry("download", { kind: "other" }, 3, policy)).toBeUndefined();
  });
});

describe("nextDeliveryTry", () => {
  const delivery = { backoff: { baseMs: 2_000, capMs: 3_600_000, random: () => 0.5 }, windowMs: 86_400_000 };

  it("tries a webhook again after the growing backoff, or the receiver's Retry-After", () => {
    expect(nextDeliveryTry(1, {}, delivery, 86_400_000)).toBe(1_000);
    expect(nextDeliveryTry(4, {}, delivery, 86_400_000)).toBe(8_000);
    expect(nextDeliveryTry(30, {}, delivery, 86_400_000)).toBe(1_800_000);
    expect(nextDeliveryTry(2, { retryAfterMs: 30_000 }, delivery, 86_400_000)).toBe(30_000);
  });

  it("gives up once the next try would fall outside the window", () => {
    expect(nextDeliveryTry(30, {}, delivery, 1_799_999)).toBeUndefined();
    expect(nextDeliveryTry(2, { retryAfterMs: 60_000 }, delivery, 59_000)).toBeUndefined();
    expect(nextDeliveryTry(1, {}, delivery, 0)).toBeUndefined();
  });
});
