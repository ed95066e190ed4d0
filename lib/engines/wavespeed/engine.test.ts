import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EngineInput } from "@/lib/domain";
import { type FakeWavespeed, startFakeWavespeed } from "@/testing/fake-wavespeed/server";
import { countingFetch, refusedUrl } from "@/testing/harness";
import { SUBMIT_PATH } from "../../contract";
import { type EngineState, UpstreamError } from "../types";
import { createWavespeedEngine, type WavespeedConfig } from "./engine";

const KEY = "ws-test-key-5f1c9a7e2b";
const input = (prompt: string, extra: Partial<EngineInput> = {}): EngineInput => ({
  model: "pro",
  prompt,
  aspect_ratio: "1:1",
  num_images: 1,
  seed: 42,
  guidance_scale: 3.5,
  safety_tolerance: "2",
  ...extra,
});
const opts = { predictionId: "p_test" };

let fake: FakeWavespeed;
const engine = (config: Partial<WavespeedConfig> = {}) => createWavespeedEngine({ apiKey: KEY, baseUrl: fake.url, ...config });
const submits = (token: string) => fake.requests.filter((r) => r.path === SUBMIT_PATH && r.prompt?.includes(token));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("expected the call to fail"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(UpstreamError);
      return error as UpstreamError;
    },
  );
async function until(id: string, done: (s: EngineState) => boolean, e = engine()): Promise<EngineState[]> {
  const seen: EngineState[] = [];
  for (let i = 0; i < 200; i++) {
    const state = await e.getState(id, input(""));
    seen.push(state);
    if (done(state)) return seen;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("task never reached the expected state");
}

beforeAll(async () => {
  fake = await startFakeWavespeed({ apiKey: KEY, defaultDurationMs: 300, createdPhaseMs: 100 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("submit", () => {
  it("posts the input with the bearer key and returns the upstream id", async () => {
    const { upstreamId } = await engine().submit(input("ok-submit", { num_images: 2, aspect_ratio: "16:9" }), opts);
    expect(fake.tasks.has(upstreamId)).toBe(true);
    const [request] = submits("ok-submit");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({
      prompt: "ok-submit",
      aspect_ratio: "16:9",
      num_images: 2,
      seed: 42,
      guidance_scale: 3.5,
      safety_tolerance: "2",
    });
    expect(request.query).toEqual({});
  });

  it("adds the webhook query parameter when asked", async () => {
    await engine().submit(input("hooked"), { ...opts, webhookUrl: "https://play.example/api/webhooks/wavespeed?x=1" });
    expect(submits("hooked")[0].query.webhook).toBe("https://play.example/api/webhooks/wavespeed?x=1");
  });

  it("reports a 429 as rate_limited with its Retry-After, after one request", async () => {
    const error = await failure(engine().submit(input("rl-a [submit429:2,retry-after:30]"), opts));
    expect(error.kind).toBe("rate_limited");
    expect(error.details.retryAfterMs).toBe(30_000);
    expect(submits("rl-a")).toHaveLength(1);
    expect(fake.tasks.size).toBe(0);
  });

  it("reports a fast 500 that came with an error body as unavailable, after one request", async () => {
    const error = await failure(engine().submit(input("five [submit500:1]"), opts));
    expect(error.kind).toBe("unavailable");
    expect(submits("five")).toHaveLength(1);
    expect(fake.tasks.size).toBe(0);
  });

  it("never resends a submit that went unanswered", async () => {
    const error = await failure(engine({ submitTimeoutMs: 300 }).submit(input("hang [hang-submit]"), opts));
    expect(error.kind).toBe("outcome_unknown");
    expect(error.message).toMatch(/did not answer the submit within 0\.3s; .* not sent again/);
    expect(submits("hang")).toHaveLength(1);
  });

  it("does not resend a garbled answer either: the task may exist", async () => {
    const error = await failure(engine().submit(input("garbled [malformed-submit]"), opts));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toMatch(/not JSON/);
    expect(submits("garbled")).toHaveLength(1);
    expect(fake.tasks.size).toBe(1);
  });

  it("reports a rejected key as auth, once", async () => {
    const error = await failure(engine({ apiKey: "wrong-key-123456" }).submit(input("badkey"), opts));
    expect(error.kind).toBe("auth");
    expect(error.message).toBe("the WaveSpeed API key was rejected");
    expect(submits("badkey")).toHaveLength(1);
  });

  it("passes on the upstream's words for a 400", async () => {
    const error = await failure(engine().submit(input("bad-ratio", { aspect_ratio: "5:4" as never }), opts));
    expect(error.kind).toBe("rejected");
    expect(error.message).toContain("aspect_ratio must be one of");
    expect(error.message).toContain("(1401)");
    expect(submits("bad-ratio")).toHaveLength(1);
  });

  it("reports a refused connection as unavailable: nothing was sent", async () => {
    const url = await refusedUrl();
    const counting = countingFetch();
    const error = await failure(engine({ baseUrl: url, fetchImpl: counting.fetch }).submit(input("x"), opts));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("ECONNREFUSED");
    expect(counting.calls).toBe(1);
  });
});

describe("getState", () => {
  it("follows a task from created to completed, with nsfw flags per output", async () => {
    const e = engine();
    const { upstreamId } = await e.submit(input("life [nsfw:1,duration:800]", { num_images: 2 }), opts);
    const seen = await until(upstreamId, (s) => s.status === "completed", e);
    expect(seen[0].status).not.toBe("completed");
    for (const s of seen.slice(0, -1)) expect(["created", "processing"]).toContain(s.status);
    const done = seen.at(-1)!;
    expect(done.error).toBe("");
    expect(done.inferenceMs).toBeGreaterThan(0);
    expect(done.outputs).toEqual([
      { kind: "url", url: `${fake.url}/outputs/${upstreamId}/0.png`, nsfw: false },
      { kind: "url", url: `${fake.url}/outputs/${upstreamId}/1.png`, nsfw: true },
    ]);
    const polls = fake.requests.filter((r) => r.method === "GET" && r.taskId === upstreamId);
    expect(polls.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it("maps a failed task with its code", async () => {
    const { upstreamId } = await engine().submit(input("boom [fail:1403,duration:0]"), opts);
    const state = await engine().getState(upstreamId, input(""));
    expect(state).toMatchObject({ status: "failed", outputs: [], error: "task failed (code 1403): The simulated task failed" });
  });

  it("marks moderation so the message starts with Moderated:", async () => {
    const { upstreamId } = await engine().submit(input("nope [moderate][duration:0]"), opts);
    const state = await engine().getState(upstreamId, input(""));
    expect(state.status).toBe("failed");
    expect(state.error).toMatch(/^Moderated: .*content moderation.*\(code 1200\)$/);
  });

  it("classifies 500, 429 and garbage answers, one attempt each", async () => {
    const { upstreamId } = await engine().submit(
      input("flaky [poll500:1,poll429:1,retry-after:2,malformed-poll:2,duration:0]"),
      opts,
    );
    const e = engine();
    const kinds = [];
    for (let i = 0; i < 4; i++) {
      const error = await failure(e.getState(upstreamId, input("")));
      kinds.push([error.kind, error.details.retryAfterMs]);
    }
    expect(kinds).toEqual([
      ["unavailable", 2000],
      ["rate_limited", 2000],
      ["bad_response", undefined],
      ["bad_response", undefined],
    ]);
    expect((await e.getState(upstreamId, input(""))).status).toBe("completed");
  });

  it("reports unknown and deleted tasks as not_found", async () => {
    expect((await failure(engine().getState("no-such-task", input("")))).kind).toBe("not_found");
    const { upstreamId } = await engine().submit(input("gone [duration:0,delete-after:0]"), opts);
    expect((await failure(engine().getState(upstreamId, input("")))).kind).toBe("not_found");
  });

  it("reports a rejected key as auth", async () => {
    const { upstreamId } = await engine().submit(input("authpoll"), opts);
    expect((await failure(engine({ apiKey: "other-key-987654" }).getState(upstreamId, input("")))).kind).toBe("auth");
  });
});
