import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SUBMIT_PATH } from "@/lib/contract";
import { isTerminal, SWEEP_CELL_CANCELLED } from "@/lib/domain";
import { createWavespeedEngine } from "@/lib/engines/wavespeed";
import { type ClusterInstance, freshCluster, openClusterInstance } from "@/testing/cluster";
import { type FakeWavespeed, startFakeWavespeed } from "@/testing/fake-wavespeed/server";
import { submitBody, waitForTerminal } from "@/testing/harness";
import { peakUnfinished, uniqueToken } from "@/testing/wavespeed-test-kit";

/**
 * Two instances, each with its own tracker and engine, on one PostgreSQL database: the line runs
 * wait in is the table, so the cluster behaves as one playground towards the upstream.
 */
const KEY = "ws-cluster-key-5e2b8c71d0";
let fake: FakeWavespeed;
beforeAll(async () => {
  fake = await startFakeWavespeed({ apiKey: KEY, defaultDurationMs: 300, createdPhaseMs: 20 });
});
afterAll(() => fake.close());

const opened: ClusterInstance[] = [];
afterEach(async () => {
  for (const instance of opened.splice(0)) await instance.close();
});

/** Two instances of a fresh cluster, allowed `places` runs upstream in all. */
async function twoInstances(places: number) {
  const cluster = freshCluster();
  const open = async (owner: string) => {
    const engine = createWavespeedEngine({ apiKey: KEY, baseUrl: fake.url });
    const instance = await openClusterInstance(cluster, owner, engine, {
      config: { maxConcurrency: places, deadlineMs: 60_000, schedule: { firstPollMs: 20, intervalMs: 20, maxGapMs: 40 } },
    });
    opened.push(instance);
    await instance.tracker.resume();
    return instance;
  };
  return [await open("a"), await open("b")] as const;
}

const submitsOf = (token: string) =>
  fake.requests.filter((request) => request.method === "POST" && request.path === SUBMIT_PATH && request.prompt?.includes(token));
const tasksOf = (token: string) => [...fake.tasks.values()].filter((task) => task.prompt.includes(token));
const settle = (instance: ClusterInstance, ids: string[]) =>
  Promise.all(ids.map((id) => waitForTerminal(instance.service, id, 45_000)));

describe("two instances sharing one line", () => {
  it("send runs upstream first come, first served, whichever instance they were submitted to", async () => {
    const [a, b] = await twoInstances(1);
    const token = uniqueToken("fifo");
    const blocker = await submitBody(a.service, { prompt: `${token} blocker [duration:1500]` });
    await expect.poll(() => submitsOf(token).length).toBe(1);
    const order = ["b1", "a2", "b3", "a4"];
    const runs = [];
    for (const name of order)
      runs.push(await submitBody(name.startsWith("a") ? a.service : b.service, { prompt: `${token} ${name}` }));
    await settle(a, [blocker.id, ...runs.map((run) => run.id)]);
    const sent = submitsOf(token).map((request) => (request.prompt ?? "").split(" ").pop());
    expect(sent).toEqual(["[duration:1500]", ...order]);
  });

  it("tell every waiting run its place in the cluster's line, the same on either instance", async () => {
    const [a, b] = await twoInstances(1);
    const token = uniqueToken("position");
    const blocker = await submitBody(b.service, { prompt: `${token} blocker [duration:1500]` });
    await expect.poll(() => submitsOf(token).length).toBe(1);
    const waiting = [];
    for (const instance of [a, b, a]) waiting.push(await submitBody(instance.service, { prompt: `${token} ${waiting.length}` }));
    for (const instance of [a, b]) {
      expect(await Promise.all(waiting.map((run) => instance.service.queuePosition(run.id)))).toEqual([1, 2, 3]);
      expect(await instance.tracker.figures()).toMatchObject({ waiting: 3 });
    }
    await settle(a, [blocker.id, ...waiting.map((run) => run.id)]);
  });

  it("keep at most the limit upstream, sending every run exactly once", async () => {
    const [a, b] = await twoInstances(3);
    const token = uniqueToken("burst");
    const runs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => submitBody(i % 2 ? a.service : b.service, { prompt: `${token} #${i}` })),
    );
    const done = await settle(
      b,
      runs.map((run) => run.id),
    );
    expect(done.map((run) => run.status)).toEqual(Array(12).fill("completed"));
    const prompts = submitsOf(token).map((request) => request.prompt);
    expect(prompts).toHaveLength(12);
    expect(new Set(prompts).size).toBe(12);
    expect(peakUnfinished(tasksOf(token))).toBeLessThanOrEqual(3);
  });

  it("a sweep made on A and cancelled on B: no cell left unsent is ever sent, by either instance", async () => {
    const [a, b] = await twoInstances(3);
    const token = uniqueToken("cancel");
    const { sweep, cells } = await a.sweeps.create({
      base: { prompt: `${token} a harbour [duration:1500]` },
      x: { field: "seed", random: 12 },
      confirmedCostUsd: 0.48,
    });
    await expect.poll(() => submitsOf(token).length).toBe(3);
    await b.sweeps.cancel(sweep.id);
    const done = await settle(
      a,
      cells.map((cell) => cell.id),
    );
    const cancelled = done.filter((cell) => cell.error === SWEEP_CELL_CANCELLED);
    const sentSeeds = new Set(submitsOf(token).map((request) => (request.body as { seed: number }).seed));
    for (const cell of cancelled) expect(sentSeeds.has(cell.input.seed)).toBe(false);
    expect(cancelled.length + sentSeeds.size).toBe(12);
    expect(cancelled.length).toBeGreaterThanOrEqual(12 - 6);
    expect(done.every((cell) => isTerminal(cell.status))).toBe(true);
  });
});
