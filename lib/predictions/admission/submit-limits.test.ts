import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { perMinuteInMemory } from "@/lib/access/limiter";
import { SUBMIT_PATH } from "@/lib/contract";
import { createWavespeedEngine } from "@/lib/engines/wavespeed";
import { type AppError, isAppError } from "@/lib/errors";
import { startFakeWavespeed } from "@/testing/fake-wavespeed/server";
import { createTestPredictions, submitBody, waitForTerminal } from "@/testing/harness";

/** The submit checks on the real engine against the fake upstream: what is refused never reaches it. */
const KEY = "ws-limits-key-5e2a91c7";
let fake: Awaited<ReturnType<typeof startFakeWavespeed>>;
beforeAll(async () => {
  fake = await startFakeWavespeed({ apiKey: KEY, defaultDurationMs: 100, createdPhaseMs: 20 });
});
afterAll(() => fake.close());

const built: Array<ReturnType<typeof createTestPredictions>> = [];
// Stopped, not closed: a poll still on its way would find the database gone.
afterEach(() => {
  for (const { tracker } of built.splice(0)) tracker.stop();
});

function playground(limits: { perMinute?: number; maxQueued?: number; budget?: number }) {
  const made = createTestPredictions(createWavespeedEngine({ apiKey: KEY, baseUrl: fake.url }), {
    config: { deadlineMs: 60_000 },
    limits: {
      submits: perMinuteInMemory(limits.perMinute ?? 1000),
      maxQueued: limits.maxQueued ?? 1000,
      budgetUsdPerDay: limits.budget,
    },
  });
  built.push(made);
  return made;
}

let counter = 0;
const uniqueToken = (name: string) => `${name}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
const upstreamSubmits = (token: string) =>
  fake.requests.filter((r) => r.method === "POST" && r.path === SUBMIT_PATH && r.prompt?.includes(token));

async function refusal(attempt: Promise<unknown>): Promise<AppError> {
  try {
    await attempt;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("the submit was accepted");
}

describe("submit limits", () => {
  it("count submits per caller and refuse past the limit with 429 and Retry-After", async () => {
    const { service, repo } = playground({ perMinute: 3 });
    const token = uniqueToken("rate");
    for (let i = 0; i < 3; i++) await submitBody(service, { prompt: `${token} ${i}` }, { caller: "session:a" });
    const refused = await refusal(submitBody(service, { prompt: `${token} over` }, { caller: "session:a" }));
    expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
    const retryAfter = Number(refused.headers()["Retry-After"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another session has a window of its own.
    await submitBody(service, { prompt: `${token} other` }, { caller: "session:b" });
    expect((await repo.list({ limit: 10, search: token })).items).toHaveLength(4);
    expect(upstreamSubmits(`${token} over`)).toHaveLength(0);
  });

  it("refuse a submit past MAX_QUEUED with 429, storing and sending nothing", async () => {
    const { service, repo } = playground({ maxQueued: 2 });
    const token = uniqueToken("queue");
    await submitBody(service, { prompt: `${token} a [duration:30000]` });
    await submitBody(service, { prompt: `${token} b [duration:30000]` });
    const refused = await refusal(submitBody(service, { prompt: `${token} full` }));
    expect(refused).toMatchObject({ code: "queue_full", status: 429 });
    expect(refused.message).toContain("queue is full");
    expect(refused.headers()["Retry-After"]).toMatch(/^\d+$/);
    expect((await repo.list({ limit: 10, search: token })).items).toHaveLength(2);
    expect(upstreamSubmits(`${token} full`)).toHaveLength(0);
  });

  it("refuse with 402 a run that would pass today's budget, counting finished, queued and running images", async () => {
    const { service, repo } = playground({ budget: 0.2 });
    expect(await service.budgetToday()).toMatchObject({ budgetUsd: 0.2, spentUsd: 0, leftUsd: 0.2 });
    const token = uniqueToken("budget");
    const finished = await submitBody(service, { prompt: `${token} done`, num_images: 2 });
    expect((await waitForTerminal(service, finished.id)).status).toBe("completed");
    await submitBody(service, { prompt: `${token} running [duration:30000]`, num_images: 2 });
    expect(await service.budgetToday()).toMatchObject({ spentUsd: 0.16, leftUsd: 0.04 });

    const refused = await refusal(submitBody(service, { prompt: `${token} too much`, num_images: 2 }));
    expect(refused).toMatchObject({ code: "budget_exceeded", status: 402 });
    expect(refused.toEnvelope()).toMatchObject({ code: 402, error_code: "budget_exceeded", budget_usd: 0.2, left_usd: 0.04 });
    expect(refused.message).toContain("$0.20");
    expect(upstreamSubmits(`${token} too much`)).toHaveLength(0);
    expect((await repo.list({ limit: 10, search: "too much" })).items).toHaveLength(0);

    // Exactly up to the budget is fine; past it, nothing.
    await submitBody(service, { prompt: `${token} last [duration:30000]`, num_images: 1 });
    expect(await service.budgetToday()).toMatchObject({ spentUsd: 0.2, leftUsd: 0 });
    expect((await refusal(submitBody(service, { prompt: `${token} one more` }))).status).toBe(402);
    // Deleting a finished run does not give its money back.
    await service.delete(finished.id);
    expect(await service.budgetToday()).toMatchObject({ spentUsd: 0.2, leftUsd: 0 });
  });

  it("price each run at its model's price: [max] twice [pro]'s, sent to [max]'s path upstream", async () => {
    const { service } = playground({ budget: 0.2 });
    const token = uniqueToken("max");
    const max = await submitBody(service, { model: "max", prompt: `${token} max [duration:30000]`, num_images: 2 });
    expect(max.model).toBe("wavespeed-ai/flux-kontext-max/text-to-image");
    expect(await service.budgetToday()).toMatchObject({ spentUsd: 0.16, leftUsd: 0.04 });
    // One more [max] image is $0.08: past the $0.04 left; one [pro] image is $0.04: exactly what is left.
    const refused = await refusal(submitBody(service, { model: "max", prompt: `${token} one more max` }));
    expect(refused).toMatchObject({ status: 402 });
    expect(refused.message).toContain("1 image cost $0.08");
    await submitBody(service, { prompt: `${token} one pro [duration:30000]` });
    expect(await service.budgetToday()).toMatchObject({ spentUsd: 0.2, leftUsd: 0 });
    await expect
      .poll(() => fake.requests.filter((r) => r.prompt?.includes(`${token} max`)).map((r) => r.path)[0])
      .toBe("/api/v3/wavespeed-ai/flux-kontext-max/text-to-image");
  });

  it("admit a burst one at a time, so it cannot slip past the budget together", async () => {
    const { service } = playground({ budget: 0.2 });
    const token = uniqueToken("burst");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => submitBody(service, { prompt: `${token} ${i} [duration:30000]` })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5);
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as AppError] : []));
    expect(refused.map((error) => error.status)).toEqual([402, 402, 402, 402, 402]);
    expect(upstreamSubmits(token).length).toBeLessThanOrEqual(5);
  });

  it("report no budget when none is set", async () => {
    expect(await playground({}).service.budgetToday()).toBeNull();
  });
});
