import { describe, expect, it } from "vitest";
import { fullJitterDelay, parseRetryAfter } from "./backoff";
import { redact, snippet } from "./redact";

describe("redact", () => {
  const key = "sk-live+abc/123==";

  it("masks the key, its URL-encoded form and any bearer credential", () => {
    const text = `key ${key} in url ?k=${encodeURIComponent(key)} header Authorization: Bearer other-token`;
    const out = redact(text, key);
    expect(out).not.toContain(key);
    expect(out).not.toContain(encodeURIComponent(key));
    expect(out).not.toContain("other-token");
    expect(out).toBe("key [redacted] in url ?k=[redacted] header Authorization: Bearer [redacted]");
  });

  it("leaves text without secrets alone", () => {
    expect(redact("connect ECONNREFUSED 127.0.0.1:4010", key)).toBe("connect ECONNREFUSED 127.0.0.1:4010");
    expect(redact("no key configured", undefined)).toBe("no key configured");
  });

  it("redacts before cutting, so no piece of a key survives a cut through it", () => {
    const out = snippet(`${"x".repeat(70)} ${key} tail`, key, 76);
    expect(out).toBe(`${"x".repeat(70)} [reda…`);
    expect(out).not.toContain(key.slice(0, 4));
  });
});

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
    expect(fullJitterDelay(1, { ...options, random: () => 0.999999 })).toBe(250);
    expect(fullJitterDelay(3, { ...options, random: () => 0.5 })).toBe(500);
    expect(fullJitterDelay(10, { ...options, random: () => 1 })).toBe(5000);
    expect(fullJitterDelay(4, { ...options, random: () => 0 })).toBe(0);
  });
});
