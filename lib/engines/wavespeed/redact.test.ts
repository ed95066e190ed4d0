import { describe, expect, it } from "vitest";
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
