import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { deferred } from "@/testing/deferred";
import {
  createTestPredictions,
  pngOf,
  readOutput,
  serveOnLoopback,
  submitBody,
  tempDir,
  waitForTerminal,
} from "@/testing/harness";
import { completed, failed, running, ScriptedEngine } from "@/testing/scripted-engine";
import type { PredictionRecord } from "../domain";
import { type EngineState, UpstreamError } from "../engines/types";

const request = { prompt: "a red lighthouse", num_images: 1 };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function imageServer(png: Buffer, { failFirst = 0, contentType = "image/png" } = {}) {
  let calls = 0;
  const server = await serveOnLoopback((_req, res) => {
    calls++;
    if (calls <= failFirst) return res.writeHead(503).end("busy");
    res.writeHead(200, { "content-type": contentType }).end(png);
  });
  cleanups.push(server.close);
  return { ...server, calls: () => calls };
}

describe("Tracker", () => {
  it("walks created → processing → completed and mirrors byte outputs to disk", async () => {
    const png = await pngOf(64, 48);
    const engine = new ScriptedEngine(() => [
      running("created"),
      running(),
      completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: true }]),
    ]);
    const { service, events, tracker, dataDir } = createTestPredictions(engine);
    cleanups.push(() => tracker.stop());
    const seen: string[] = [];
    events.subscribe((event) => event.type === "updated" && seen.push(event.record.status));

    const record = await submitBody(service, request);
    const done = await waitForTerminal(service, record.id);

    expect(done.status).toBe("completed");
    expect([...new Set(seen)]).toEqual(["created", "processing", "completed"]);
    const stored = (await service.find(record.id))!;
    expect(stored.inferenceMs).toBe(1234);
    expect(stored.outputs).toMatchObject([{ index: 0, width: 64, height: 48, contentType: "image/png", nsfw: true }]);
    expect(fs.readFileSync(path.join(dataDir, "images", stored.outputs[0].file)).equals(png)).toBe(true);
  });

  it("mirrors URL outputs, so they load after the upstream deletes them", async () => {
    const png = await pngOf(32, 32);
    const upstream = await imageServer(png);
    const engine = new ScriptedEngine(() => [completed([{ kind: "url", url: `${upstream.url}/out/0.png`, nsfw: false }])]);
    const { service, tracker } = createTestPredictions(engine);
    cleanups.push(() => tracker.stop());

    const record = await submitBody(service, request);
    expect((await waitForTerminal(service, record.id)).status).toBe("completed");
    await upstream.close();

    const { output, bytes } = await readOutput(service, record.id, 0);
    expect(bytes.equals(png)).toBe(true);
    expect(output.sourceUrl).toBe(`${upstream.url}/out/0.png`);
  });

  it("retries a failed download before completing", async () => {
    const upstream = await imageServer(await pngOf(8, 8), { failFirst: 2 });
    const engine = new ScriptedEngine(() => [completed([{ kind: "url", url: `${upstream.url}/0.png`, nsfw: false }])]);
    const { service, tracker } = createTestPredictions(engine);
    cleanups.push(() => tracker.stop());

    const record = await submitBody(service, request);
    expect((await waitForTerminal(service, record.id)).status).toBe("completed");
    expect(upstream.calls()).toBe(3);
  });

  it("fails with the reason, never 'completed with nothing', when outputs cannot be saved", async () => {
    const notImage = await imageServer(Buffer.from("<html>"), { contentType: "text/html" });
    const engine = new ScriptedEngine((input) =>
      input.prompt === "empty"
        ? [completed([])]
        : input.prompt === "ftp"
          ? [completed([{ kind: "url", url: "ftp://example.com/x.png", nsfw: false }])]
          : [completed([{ kind: "url", url: `${notImage.url}/0.png`, nsfw: false }])],
    );
    const { service, tracker } = createTestPredictions(engine);
    cleanups.push(() => tracker.stop());

    const html = await waitForTerminal(service, (await submitBody(service, request)).id);
    const empty = await waitForTerminal(service, (await submitBody(service, { prompt: "empty" })).id);
    const ftp = await waitForTerminal(service, (await submitBody(service, { prompt: "ftp" })).id);
    expect(html).toMatchObject({ status: "failed", error: expect.stringMatching(/not an image.*text\/html/) });
    expect(empty).toMatchObject({ status: "failed", error: expect.stringMatching(/without any output/) });
    expect(ftp).toMatchObject({ status: "failed", error: expect.stringMatching(/must be http\(s\)/) });
    expect(notImage.calls()).toBe(3);
  });

  it("passes a failed task's error through", async () => {
    const engine = new ScriptedEngine(() => [running(), failed("Moderated: content moderation (code 1200)")]);
    const { service, tracker } = createTestPredictions(engine);
    cleanups.push(() => tracker.stop());
    const done = await waitForTerminal(service, (await submitBody(service, request)).id);
    expect(done).toMatchObject({ status: "failed", error: "Moderated: content moderation (code 1200)" });
  });

  it("retries transient poll errors, then gives up with the upstream's message", async () => {
    const busy = new UpstreamError("unavailable", "WaveSpeed answered HTTP 503");
    const png = await pngOf(8, 8);
    const engine = new ScriptedEngine((input) =>
      input.prompt === "flaky"
        ? [busy, busy, completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]
        : [busy],
    );
    const { service, tracker } = createTestPredictions(engine);
    cleanups.push(() => tracker.stop());

    const flaky = await waitForTerminal(service, (await submitBody(service, { prompt: "flaky" })).id);
    const down = await waitForTerminal(service, (await submitBody(service, { prompt: "down" })).id);
    expect(flaky.status).toBe("completed");
    expect(down).toMatchObject({ status: "failed", error: "WaveSpeed answered HTTP 503" });
  });

  it("fails a task that passes the deadline", async () => {
    const engine = new ScriptedEngine(() => [running()]);
    const { service, tracker } = createTestPredictions(engine, { config: { deadlineMs: 60 } });
    cleanups.push(() => tracker.stop());
    const done = await waitForTerminal(service, (await submitBody(service, request)).id);
    expect(done).toMatchObject({ status: "failed", error: expect.stringMatching(/did not finish within/) });
  });

  it("keeps at most maxConcurrency tasks upstream and submits the rest in order, the next as soon as one finishes", async () => {
    const png = await pngOf(8, 8);
    let upstreamNow = 0;
    let upstreamPeak = 0;
    const engine = new ScriptedEngine(() => [
      running(),
      running(),
      completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }]),
    ]);
    // A task is unfinished upstream from its submit until the engine first reports it finished.
    const finished = new Set<string>();
    const submit = engine.submit.bind(engine);
    engine.submit = async (input) => {
      upstreamPeak = Math.max(upstreamPeak, ++upstreamNow);
      return submit(input);
    };
    const getState = engine.getState.bind(engine);
    engine.getState = async (upstreamId: string) => {
      const state = await getState(upstreamId);
      if (state.status === "completed" && !finished.has(upstreamId)) {
        finished.add(upstreamId);
        upstreamNow--;
      }
      return state;
    };
    const { service, tracker } = createTestPredictions(engine, { config: { maxConcurrency: 3 } });
    cleanups.push(() => tracker.stop());

    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await submitBody(service, { prompt: `burst ${i}` })).id);
    const done = await Promise.all(ids.map((id) => waitForTerminal(service, id)));

    expect(done.every((record) => record.status === "completed")).toBe(true);
    expect(upstreamPeak).toBe(3);
    expect(engine.submits.map((input) => input.prompt)).toEqual(ids.map((_, i) => `burst ${i}`));
  });

  it("tells a queued run its place in line, which moves up as runs ahead of it start", async () => {
    const png = await pngOf(8, 8);
    const done = completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }]);
    // The first two runs keep running until the test lets each finish.
    const held: Record<string, EngineState[]> = { first: [running()], second: [running()] };
    const engine = new ScriptedEngine((input) => held[input.prompt] ?? [done]);
    const { service, tracker } = createTestPredictions(engine, { config: { maxConcurrency: 1 } });
    cleanups.push(() => tracker.stop());
    const runs: PredictionRecord[] = [];
    for (const prompt of ["first", "second", "third"]) runs.push(await submitBody(service, { prompt }));
    await expect.poll(() => engine.submits.length).toBe(1);
    const positions = () => Promise.all(runs.map((run) => service.queuePosition(run.id)));
    expect(await positions()).toEqual([null, 1, 2]);
    held.first[0] = done;
    await expect.poll(() => engine.submits.length).toBe(2);
    expect(await positions()).toEqual([null, null, 1]);
    held.second[0] = done;
    await Promise.all(runs.map((run) => waitForTerminal(service, run.id)));
    expect(await positions()).toEqual([null, null, null]);
  });

  it("forgets a run deleted while it waited: the same id stored again is worked on like any other", async () => {
    const png = await pngOf(8, 8);
    const done = completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }]);
    const held: Record<string, EngineState[]> = { first: [running()] };
    const engine = new ScriptedEngine((input) => held[input.prompt] ?? [done]);
    const { service, tracker, repo } = createTestPredictions(engine, { config: { maxConcurrency: 1 } });
    cleanups.push(() => tracker.stop());
    const first = await submitBody(service, { prompt: "first" });
    const queued = await submitBody(service, { prompt: "queued" });
    await expect.poll(() => engine.submits.length).toBe(1);
    expect(await service.queuePosition(queued.id)).toBe(1);
    await service.delete(queued.id);
    expect(await tracker.figures()).toMatchObject({ waiting: 0 });

    // An archive import can bring the same id back: nothing about the deleted run may hold it up.
    await repo.create({ ...queued, status: "created", submitState: "pending", completedAt: null, error: "" });
    await tracker.enqueue(queued.id);
    held.first[0] = done;
    expect((await waitForTerminal(service, first.id)).status).toBe("completed");
    expect((await waitForTerminal(service, queued.id)).status).toBe("completed");
    expect(engine.submits.map((input) => input.prompt)).toEqual(["first", "queued"]);
  });

  it("gives a task's place upstream to the next one as soon as it finishes there, while its images are still copied", async () => {
    const png = await pngOf(8, 8);
    const { promise: held, resolve: release } = deferred();
    const images = await serveOnLoopback(async (_req, res) => {
      await held;
      res.writeHead(200, { "content-type": "image/png" }).end(png);
    });
    cleanups.push(images.close);
    const engine = new ScriptedEngine(() => [completed([{ kind: "url", url: `${images.url}/0.png`, nsfw: false }])]);
    const { service, tracker } = createTestPredictions(engine, { config: { maxConcurrency: 1 } });
    cleanups.push(() => tracker.stop());

    const first = await submitBody(service, { prompt: "first" });
    const second = await submitBody(service, { prompt: "second" });
    // The first one's image download is held, yet the second is already sent.
    await expect.poll(() => engine.submits.length).toBe(2);
    expect((await service.get(first.id)).status).not.toBe("completed");
    release();
    const done = await Promise.all([first, second].map((record) => waitForTerminal(service, record.id)));
    expect(done.map((record) => record.status)).toEqual(["completed", "completed"]);
  });

  it("resumes unfinished predictions after a restart without submitting twice", async () => {
    const png = await pngOf(16, 16);
    const dataDir = tempDir();
    // The upstream outlives our process; only the playground restarts.
    const engine = new ScriptedEngine(() => [
      running(),
      running(),
      running(),
      completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }]),
    ]);
    const first = createTestPredictions(engine, { dataDir, config: { maxConcurrency: 1 } });
    const submitted = await submitBody(first.service, { prompt: "in flight" });
    const queued = await submitBody(first.service, { prompt: "still queued" });
    await expect.poll(async () => (await first.service.find(submitted.id))?.submitState, { interval: 1 }).toBe("submitted");
    first.tracker.stop();
    expect(await first.service.find(queued.id)).toMatchObject({ status: "created", submitState: "pending" });

    const second = createTestPredictions(engine, { dataDir });
    cleanups.push(() => second.tracker.stop());
    expect(await second.tracker.resume()).toBe(2);
    const [a, b] = await Promise.all([waitForTerminal(second.service, submitted.id), waitForTerminal(second.service, queued.id)]);

    expect([a.status, b.status]).toEqual(["completed", "completed"]);
    expect(engine.submits.map((input) => input.prompt)).toEqual(["in flight", "still queued"]);
    const meta = await sharp((await readOutput(second.service, submitted.id, 0)).bytes).metadata();
    expect([meta.width, meta.height]).toEqual([16, 16]);
  });

  it("does not resubmit a task whose submit was cut off by a restart", async () => {
    const dataDir = tempDir();
    const engine = new ScriptedEngine(() => [running()]);
    const first = createTestPredictions(engine, { dataDir });
    first.tracker.stop();
    const record = await submitBody(first.service, request);
    await first.repo.update(record.id, { submitState: "submitting" });

    const second = createTestPredictions(engine, { dataDir });
    cleanups.push(() => second.tracker.stop());
    await second.tracker.resume();
    expect(await second.service.find(record.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/unknown/) });
    expect(engine.submits).toHaveLength(0);
  });

  it("keeps a webhook that beats its submit's answer, and applies it once the upstream id is stored", async () => {
    const png = await pngOf(16, 16);
    const engine = new ScriptedEngine(() => [running()]);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const submit = engine.submit.bind(engine);
    engine.submit = async (input) => {
      const accepted = await submit(input);
      await answered;
      return accepted;
    };
    const { service, tracker } = createTestPredictions(engine, {
      config: { schedule: { firstPollMs: 60_000, intervalMs: 60_000, maxGapMs: 60_000 } },
    });
    cleanups.push(() => tracker.stop());

    expect(await tracker.notify("task-1", running())).toBe(false);
    const record = await submitBody(service, request);
    await expect.poll(() => engine.submits.length).toBe(1);
    const delivered = completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }]);
    expect(await tracker.notify("task-1", delivered)).toBe("held");
    answer();

    const done = await waitForTerminal(service, record.id);
    expect(done.status).toBe("completed");
    expect((await service.find(record.id))!.outputs).toHaveLength(1);
    // The held delivery finished it: no poll was needed.
    expect(engine.polls).toEqual([]);
  });
});
