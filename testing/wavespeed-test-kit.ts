import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect } from "vitest";
import { SUBMIT_PATH } from "@/lib/contract";
import type { PredictionRecord } from "@/lib/domain";
import { createWavespeedEngine, createWavespeedWebhookInbox, type WavespeedConfig } from "@/lib/engines/wavespeed";
import type { ServedConfig } from "@/lib/predictions/build";
import type { PredictionService } from "@/lib/predictions/service";
import { type FakeWavespeedOptions, type RecordedRequest, startFakeWavespeed } from "./fake-wavespeed/server";
import { createTestPredictions, readOutput, type TestTrackerConfig, waitForTerminal } from "./harness";
import { peakUnfinished } from "./upstream-peak";

/**
 * Shared set-up of the wavespeed-*.test.ts files: the real HTTP engine and
 * tracker against the fake upstream, with every event and data folder kept
 * so a test can check what the user sees and what the upstream received.
 */
export const KEY = "ws-flow-key-7d3e91c0a4b2e6";

/** Generous: the tests run on a loaded 2-core machine; no test depends on how long this is. */
export const SETTLE_MS = 45_000;

let counter = 0;
/** A prompt token no other test uses: the fake keys its scripts and counters by prompt. */
export const uniqueToken = (name: string) => `${name}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export async function startKit(options: FakeWavespeedOptions = {}) {
  const fake = await startFakeWavespeed({ apiKey: KEY, defaultDurationMs: 150, createdPhaseMs: 30, ...options });
  const built: Array<ReturnType<typeof createTestPredictions>> = [];

  /** A playground service on the real engine; tracker overrides on top of FAST_TRACKER, served ones on FAST_SERVED. */
  const predictions = (
    config: TestTrackerConfig = {},
    engineConfig: Partial<WavespeedConfig> = {},
    served: Partial<ServedConfig> = {},
  ) => {
    const engine = createWavespeedEngine({ apiKey: KEY, baseUrl: fake.url, ...engineConfig });
    const made = createTestPredictions(engine, {
      config: { deadlineMs: 60_000, ...config, retry: { backoff: { baseMs: 5, capMs: 50 }, ...config.retry } },
      // Deliveries are verified as the route does, with the account secret fetched from the fake.
      webhooks: createWavespeedWebhookInbox({ apiKey: engineConfig.apiKey ?? KEY, baseUrl: fake.url }),
      served,
    });
    built.push(made);
    return made;
  };

  const isResult = (r: RecordedRequest) => r.method === "GET" && /^\/api\/v3\/predictions\/[^/]+\/result$/.test(r.path);
  /** What the upstream received for one prompt token. */
  const calls = (token: string) => {
    const mine = fake.requests.filter((r) => r.prompt?.includes(token));
    return {
      submits: mine.filter((r) => r.method === "POST" && r.path === SUBMIT_PATH),
      polls: mine.filter(isResult),
      tasks: [...fake.tasks.values()].filter((task) => task.prompt.includes(token)),
    };
  };

  /** Everything this kit's services stored or emitted, as text: records, events, and the raw database files. */
  const everythingStored = async () => {
    const stored = await Promise.all(
      built.map(async ({ repo, seen, dataDir }) => {
        const records = (await repo.list({ limit: 1000 })).items;
        const files = fs.readdirSync(dataDir).filter((name) => name.startsWith("playground.sqlite"));
        const raw = files.map((name) => fs.readFileSync(path.join(dataDir, name)).toString("latin1"));
        return [JSON.stringify(records), JSON.stringify(seen), ...raw].join("\n");
      }),
    );
    return stored.join("\n");
  };

  return {
    fake,
    predictions,
    calls,
    everythingStored,
    async close() {
      for (const { tracker } of built) tracker.stop();
      await fake.close();
    },
  };
}

export type Kit = Awaited<ReturnType<typeof startKit>>;

/** A kit for the whole test file, started before its first test and closed after its last: `kit()` reads it. */
export function kitForFile(options: FakeWavespeedOptions = {}): () => Kit {
  let kit: Kit | undefined;
  beforeAll(async () => {
    kit = await startKit(options);
  });
  afterAll(() => kit?.close());
  return () => kit!;
}

export { peakUnfinished };

/**
 * What a burst against an account allowed `limit` unfinished tasks must show upstream: every run
 * sent exactly once (a 429 would have been sent again, and counted), never more than `limit` at once.
 */
export function expectOneSubmitEachWithinLimit(kit: Kit, token: string, runs: number, limit: number) {
  const upstream = kit.calls(token);
  expect(upstream.submits).toHaveLength(runs);
  expect(upstream.tasks).toHaveLength(runs);
  // No run went twice: every body sent differs (the prompts of a burst, the seeds and guidance of a sweep's cells).
  expect(new Set(upstream.submits.map((submit) => JSON.stringify(submit.body))).size).toBe(runs);
  expect(peakUnfinished(upstream.tasks)).toBeLessThanOrEqual(limit);
  expectAuthorized(upstream);
}

/** Every call carried our key as a Bearer token; every submit was JSON. */
export function expectAuthorized(calls: { submits: RecordedRequest[]; polls: RecordedRequest[] }, key = KEY) {
  for (const request of [...calls.submits, ...calls.polls]) expect(request.headers.authorization).toBe(`Bearer ${key}`);
  for (const submit of calls.submits) expect(submit.headers["content-type"]).toBe("application/json");
}

/** The prediction once it is completed or failed, as stored. */
export async function settle(service: PredictionService, id: string): Promise<PredictionRecord> {
  await waitForTerminal(service, id, SETTLE_MS);
  return service.get(id);
}

/** The user's images load from our storage: each output's bytes are a real image of the recorded size. */
export async function expectImagesLoad(service: PredictionService, id: string, count: number) {
  for (let index = 0; index < count; index++) {
    const { bytes, output } = await readOutput(service, id, index);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", output.width, output.height]);
  }
}
