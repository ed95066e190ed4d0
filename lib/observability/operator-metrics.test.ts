import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWavespeedEngine, createWavespeedWebhookInbox } from "@/lib/engines/wavespeed";
import { type FakeWavespeed, startFakeWavespeed } from "@/testing/fake-wavespeed/server";
import { createTestPredictions, submitBody } from "@/testing/harness";
import { parseExposition, sampleValue } from "@/testing/prometheus-text";
import { settle, uniqueToken } from "@/testing/wavespeed-test-kit";
import { startWebhookReceiver } from "@/testing/webhook-receiver";
import { Observation } from "./observe";
import { runQueueReading } from "./queue-reading";

/** The real WaveSpeed engine and tracker against the fake upstream, watched as the composition root watches them. */
const KEY = "ws-metrics-key-5e2c8a41b7";
let fake: FakeWavespeed;
beforeAll(async () => {
  fake = await startFakeWavespeed({ apiKey: KEY, defaultDurationMs: 150, createdPhaseMs: 30 });
});
afterAll(() => fake.close());

function observed() {
  const observation = new Observation();
  const engine = createWavespeedEngine({ apiKey: KEY, baseUrl: fake.url });
  const made = createTestPredictions(engine, {
    observation,
    webhooks: createWavespeedWebhookInbox({ apiKey: KEY, baseUrl: fake.url }),
    config: { deadlineMs: 60_000, retry: { backoff: { baseMs: 5, capMs: 50 } } },
  });
  observation.metrics.readFrom({ runQueue: runQueueReading(made.service), eventClients: () => 0, storage: () => undefined });
  const scrape = async () => (await observation.metrics.scrape()).body;
  return { ...made, scrape, observation };
}

describe("the metrics of runs", () => {
  it("counts each run's ending once, by engine, model and final status, with its time and its cost", async () => {
    const { service, scrape, tracker } = observed();
    const token = uniqueToken("metrics");
    const runs = await Promise.all([
      submitBody(service, { prompt: `${token} two`, num_images: 2 }),
      submitBody(service, { prompt: `${token} one` }),
      submitBody(service, { prompt: `${token} [fail:1403]` }),
    ]);
    const done = await Promise.all(runs.map((run) => settle(service, run.id)));
    expect(done.map((run) => run.status)).toEqual(["completed", "completed", "failed"]);
    // A note and a star later announce the finished run again: it ended once.
    await service.annotate(done[0].id, { note: "keeper", star: { index: 0, starred: true } });

    const text = await scrape();
    const model = done[0].model;
    expect(sampleValue(text, "kontext_runs_total", { engine: "wavespeed", model, status: "completed" })).toBe(2);
    expect(sampleValue(text, "kontext_runs_total", { status: "failed" })).toBe(1);
    expect(sampleValue(text, "kontext_spend_usd_total", { engine: "wavespeed" })).toBeCloseTo(0.12);
    expect(sampleValue(text, "kontext_run_duration_seconds_count", { status: "completed" })).toBe(2);
    expect(sampleValue(text, "kontext_run_duration_seconds_count", { status: "failed" })).toBe(1);
    // From the poll that said "completed" to the images stored and the run recorded completed.
    expect(sampleValue(text, "kontext_run_store_delay_seconds_count", { engine: "wavespeed" })).toBe(2);
    expect(sampleValue(text, "kontext_upstream_request_duration_seconds_count", { operation: "submit", outcome: "ok" })).toBe(3);
    expect(
      sampleValue(text, "kontext_upstream_request_duration_seconds_count", { operation: "get_state", outcome: "ok" }),
    ).toBeGreaterThan(2);
    expect(sampleValue(text, "kontext_runs_waiting")).toBe(0);
    expect(sampleValue(text, "kontext_runs_in_flight")).toBe(0);
    // Node's own process metrics come along.
    expect(sampleValue(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sampleValue(text, "nodejs_eventloop_lag_seconds")).toBeDefined();
    // Labels are a handful of known values: never an id, never a prompt.
    for (const sample of parseExposition(text))
      for (const value of Object.values(sample.labels)) {
        expect(value).not.toMatch(/[0-9a-f]{32}/);
        expect(value).not.toContain(token);
      }
    tracker.stop();
  });

  it("counts the upstream's 429s, and each request that repeats a failed one as a retry", async () => {
    const { service, scrape, tracker } = observed();
    const token = uniqueToken("retries");
    const limited = await submitBody(service, { prompt: `${token} [submit429:2]` });
    const flaky = await submitBody(service, { prompt: `${token} [poll500:2]` });
    expect((await settle(service, limited.id)).status).toBe("completed");
    expect((await settle(service, flaky.id)).status).toBe("completed");

    const text = await scrape();
    expect(sampleValue(text, "kontext_upstream_rate_limited_total", { operation: "submit" })).toBe(2);
    expect(
      sampleValue(text, "kontext_upstream_request_duration_seconds_count", { operation: "submit", outcome: "rate_limited" }),
    ).toBe(2);
    expect(sampleValue(text, "kontext_upstream_retries_total", { operation: "submit" })).toBe(2);
    expect(
      sampleValue(text, "kontext_upstream_request_duration_seconds_count", { operation: "get_state", outcome: "unavailable" }),
    ).toBe(2);
    expect(sampleValue(text, "kontext_upstream_retries_total", { operation: "get_state" })).toBe(2);
    tracker.stop();
  });

  it("times the writes to the database and the blob stores, and counts webhook deliveries by outcome", async () => {
    const { service, scrape, tracker, webhookSender } = observed();
    const receiver = await startWebhookReceiver([503, 200]);
    try {
      await webhookSender.start();
      const run = await submitBody(
        service,
        { prompt: uniqueToken("hooked") },
        { webhook: { url: `${receiver.url}/hook`, baseUrl: "http://127.0.0.1" } },
      );
      expect((await settle(service, run.id)).status).toBe("completed");
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
      await expect
        .poll(async () => sampleValue(await scrape(), "kontext_webhook_deliveries_total", { outcome: "delivered" }))
        .toBe(1);
      const text = await scrape();
      expect(sampleValue(text, "kontext_webhook_deliveries_total", { outcome: "retrying" })).toBe(1);
      expect(sampleValue(text, "kontext_store_write_duration_seconds_count", { store: "database", operation: "create" })).toBe(1);
      expect(sampleValue(text, "kontext_store_write_duration_seconds_count", { store: "database", operation: "complete" })).toBe(
        1,
      );
      expect(sampleValue(text, "kontext_store_write_duration_seconds_count", { store: "images", operation: "put" })).toBe(1);
    } finally {
      webhookSender.stop();
      tracker.stop();
      await receiver.close();
    }
  });

  it("shows whether the disk reserve is held", async () => {
    const { service, scrape, stores } = observed();
    await service.start({ maintenanceMs: 60_000 });
    expect(sampleValue(await scrape(), "kontext_disk_reserve_held")).toBe(1);
    // What the storage guard does on a full disk: gives the reserve up for the writes that must land.
    expect(await stores.reserve!.release()).toBe(true);
    expect(sampleValue(await scrape(), "kontext_disk_reserve_held")).toBe(0);
    await service.close();
  });
});
