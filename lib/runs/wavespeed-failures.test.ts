import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serveOnLoopback, submitBody } from "@/testing/harness";
import { expectAuthorized, KEY, type Kit, settle, startKit, uniqueToken } from "@/testing/wavespeed-test-kit";
import type { WavespeedConfig } from "../engines/wavespeed";
import type { TrackerConfig } from "./config";

/** What the user reads when WaveSpeed says no, and what was (not) sent again. */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(() => kit.close());
afterEach(async () => expect(await kit.everythingStored()).not.toContain(KEY));

async function generate(
  directives: string,
  options: { config?: Partial<TrackerConfig>; engine?: Partial<WavespeedConfig> } = {},
) {
  const token = uniqueToken("fail");
  const made = kit.predictions(options.config, options.engine);
  const record = await submitBody(made.service, { prompt: `${token} ${directives}` });
  const done = await settle(made.service, record.id);
  expect(done.outputs).toEqual([]);
  return { ...made, token, done, upstream: kit.calls(token) };
}

describe("a prediction that cannot succeed", () => {
  it("fails on a garbled submit answer and never sends it again: the task may exist", async () => {
    const { done, upstream } = await generate("[malformed-submit]");
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/^WaveSpeed answered the submit \(HTTP 200\) with a body that is not JSON/);
    expect(done.error).toContain("the task may have been created, so it was not sent again");
    expect(upstream.submits).toHaveLength(1);
    // The upstream did create (and bill) it; nobody can poll a task whose id never arrived.
    expect(upstream.tasks).toHaveLength(1);
    expect(upstream.polls).toHaveLength(0);
    expectAuthorized(upstream);
  });

  it("fails on an unanswered submit after the timeout and never sends it again", async () => {
    const { done, upstream } = await generate("[hang-submit]", { engine: { submitTimeoutMs: 1_000 } });
    expect(done.status).toBe("failed");
    expect(done.error).toBe(
      "WaveSpeed did not answer the submit within 1s; the task may or may not have been created, so it was not sent again",
    );
    expect(upstream.submits).toHaveLength(1);
    expectAuthorized(upstream);
  });

  it("fails with the task code and the upstream's words for a failed task", async () => {
    const { done, upstream } = await generate("[duration:50,fail:1403]");
    expect(done).toMatchObject({ status: "failed", error: "task failed (code 1403): The simulated task failed" });
    expect(upstream.submits).toHaveLength(1);
    expectAuthorized(upstream);
  });

  it("says Moderated when content moderation blocked the output", async () => {
    const { done } = await generate("[duration:50,moderate]");
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/^Moderated: /);
    expect(done.error).toContain("(code 1200)");
  });

  it("fails at once on a rejected key, after a single submit, without the key in sight", async () => {
    const wrongKey = "ws-wrong-key-19af0c2e77";
    const { done, upstream } = await generate("", { engine: { apiKey: wrongKey } });
    expect(done).toMatchObject({ status: "failed", error: "the WaveSpeed API key was rejected" });
    expect(upstream.submits).toHaveLength(1);
    expect(upstream.tasks).toHaveLength(0);
    expectAuthorized(upstream, wrongKey);
    expect(await kit.everythingStored()).not.toContain(wrongKey);
  });

  it("gives up at the deadline with a message that says so", async () => {
    const { done, upstream } = await generate("[duration:30000]", { config: { deadlineMs: 1_000 } });
    expect(done).toMatchObject({ status: "failed", error: "The task did not finish within 1 s, so it was given up." });
    expect(upstream.submits).toHaveLength(1);
    expect(upstream.polls.length).toBeGreaterThan(0);
  });

  it("keeps the key out of what it stores even when the upstream echoes it back", async () => {
    // An upstream (or a proxy in front of it) that quotes the request's credentials in its errors.
    const echo = await serveOnLoopback((req, res) => {
      const auth = req.headers.authorization ?? "";
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 400, message: `bad request; you sent ${auth} (key ${KEY})`, data: null }));
    });
    try {
      const { done } = await generate("", { engine: { baseUrl: echo.url } });
      const everything = await kit.everythingStored();
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/^WaveSpeed rejected the request \(HTTP 400\): bad request; you sent Bearer \[redacted\]/);
      expect(everything).toContain(done.id);
      expect(everything).not.toContain(KEY);
    } finally {
      await echo.close();
    }
  });
});
