import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { countingFetch, refusedUrl, submitBody, type TestTrackerConfig } from "@/testing/harness";
import { expectAuthorized, KEY, type Kit, settle, startKit, uniqueToken } from "@/testing/wavespeed-test-kit";
import type { WavespeedConfig } from "../engines/wavespeed";

/**
 * When a submit is sent again: the tracker decides (lib/retry.ts), the engine only
 * reports. A task the upstream certainly did not create may go again; nothing else.
 */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(() => kit.close());
afterEach(async () => expect(await kit.everythingStored()).not.toContain(KEY));

async function generate(directives: string, options: { config?: TestTrackerConfig; engine?: Partial<WavespeedConfig> } = {}) {
  const token = uniqueToken("resend");
  const made = kit.predictions(options.config, options.engine);
  const record = await submitBody(made.service, { prompt: `${token} ${directives}` });
  const done = await settle(made.service, record.id);
  return { ...made, done, upstream: kit.calls(token) };
}

describe("a submit the upstream refused", () => {
  it("is sent again after 429s, honouring Retry-After", async () => {
    const { done, upstream } = await generate("[submit429:2,retry-after:0]");
    expect(done.status).toBe("completed");
    expect(upstream.submits).toHaveLength(3);
    expect(upstream.tasks).toHaveLength(1);
    expectAuthorized(upstream);
  });

  it("is sent again after 429s without Retry-After, on the jittered backoff", async () => {
    const { done, upstream } = await generate("[submit429:2]");
    expect(done.status).toBe("completed");
    expect(upstream.submits).toHaveLength(3);
  });

  it("keeps trying through 429s until the deadline, then fails with the rate limit's words and no task", async () => {
    const { done, upstream } = await generate("[submit429:999,retry-after:0]", { config: { deadlineMs: 300 } });
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/^WaveSpeed is rate limiting this key/);
    expect(upstream.submits.length).toBeGreaterThan(1);
    expect(upstream.tasks).toHaveLength(0);
  });

  it("fails at once when Retry-After reaches past the deadline, instead of sleeping on it", async () => {
    const { done, upstream } = await generate("[submit429:1,retry-after:30]", { config: { deadlineMs: 5_000 } });
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/^WaveSpeed is rate limiting this key/);
    expect(upstream.submits).toHaveLength(1);
  });

  it("is sent again after a fast 500 that came with an error body", async () => {
    const { done, upstream } = await generate("[submit500:1]");
    expect(done.status).toBe("completed");
    expect(upstream.submits).toHaveLength(2);
    expect(upstream.tasks).toHaveLength(1);
  });

  it("is sent maxSubmitAttempts times to an upstream that refuses connections, then fails saying so", async () => {
    const url = await refusedUrl();
    const counting = countingFetch();
    const { done } = await generate("", {
      config: { retry: { maxSubmitAttempts: 3 } },
      engine: { baseUrl: url, fetchImpl: counting.fetch },
    });
    expect(done.status).toBe("failed");
    expect(done.error).toContain("ECONNREFUSED");
    expect(counting.calls).toBe(3);
  });
});
