import { afterEach, describe, expect, it } from "vitest";
import { webhookPayloadSchema } from "@/lib/contract";
import type { StoredOutput } from "@/lib/domain";
import { createLocalEngine } from "@/lib/engines/local";
import { verifyWebhookSignature } from "@/lib/engines/wavespeed/signature";
import { createTestPredictions, FAST_SERVED, submitBody, TEST_WEBHOOK_SECRET, tempDir, waitForTerminal } from "@/testing/harness";
import { failed, ScriptedEngine } from "@/testing/scripted-engine";
import { startWebhookReceiver, type WebhookReceiver } from "@/testing/webhook-receiver";

const BASE = "https://play.example.test";
const opened: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close();
});

async function receiver(statuses?: number[]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(statuses);
  opened.push(started);
  return started;
}

function predictions(options: Parameters<typeof createTestPredictions>[1] = {}, engine = createLocalEngine()) {
  const made = createTestPredictions(engine, options);
  opened.push(made.service);
  void made.webhookSender.start();
  return made;
}

/** Resolves once the delivery's state matches, polling the store. */
async function deliveryOf(made: ReturnType<typeof predictions>, predictionId: string, state: string) {
  await expect
    .poll(async () => (await made.deliveries.listForPrediction(predictionId))[0]?.state, { timeout: 20_000, interval: 10 })
    .toBe(state);
  return (await made.deliveries.listForPrediction(predictionId))[0];
}

describe("outgoing webhooks", () => {
  it("POST the final task, signed with the secret, once the prediction has ended", async () => {
    const hooks = await receiver();
    const made = predictions();
    const record = await submitBody(
      made.service,
      { prompt: "a lighthouse", seed: 9 },
      { webhook: { url: `${hooks.url}/in?k=1`, baseUrl: BASE } },
    );
    const done = await waitForTerminal(made.service, record.id);
    const delivery = await deliveryOf(made, record.id, "delivered");

    expect(hooks.received).toHaveLength(1);
    const [call] = hooks.received;
    expect(call.path).toBe("/in?k=1");
    expect(call.headers["content-type"]).toBe("application/json");
    expect(call.headers["webhook-id"]).toBe(`wh_${delivery.id}`);
    expect(verifyWebhookSignature({ headers: call.headers, rawBody: call.body, secret: TEST_WEBHOOK_SECRET })).toBe(true);
    expect(verifyWebhookSignature({ headers: call.headers, rawBody: call.body, secret: "whsec_another-secret" })).toBe(false);

    const payload = webhookPayloadSchema.parse(JSON.parse(call.body));
    expect(payload).toMatchObject({
      id: record.id,
      status: "completed",
      error: "",
      urls: { get: `${BASE}/api/v3/predictions/${record.id}/result` },
      input: { prompt: "a lighthouse", seed: 9, num_images: 1 },
    });
    expect(payload.outputs).toEqual([`${BASE}/api/images/${done.outputs[0].file}`]);
    expect(delivery).toMatchObject({ attempts: 1, lastStatus: 200, lastError: "" });
  });

  it("deliver a failed task too, with its error", async () => {
    const hooks = await receiver();
    const made = predictions({}, new ScriptedEngine(() => [failed("Moderated: blocked")]));
    const record = await submitBody(made.service, { prompt: "x" }, { webhook: { url: hooks.url, baseUrl: BASE } });
    await deliveryOf(made, record.id, "delivered");
    expect(JSON.parse(hooks.received[0].body)).toMatchObject({ id: record.id, status: "failed", error: "Moderated: blocked" });
  });

  it("try again after the receiver answers 500, with the same webhook id, and record each attempt", async () => {
    const hooks = await receiver([500, 503, 200]);
    const made = predictions();
    const record = await submitBody(made.service, { prompt: "a harbour" }, { webhook: { url: hooks.url, baseUrl: BASE } });
    const delivery = await deliveryOf(made, record.id, "delivered");
    expect(hooks.received).toHaveLength(3);
    expect(new Set(hooks.received.map((call) => call.headers["webhook-id"]))).toEqual(new Set([`wh_${delivery.id}`]));
    for (const call of hooks.received) {
      expect(verifyWebhookSignature({ headers: call.headers, rawBody: call.body, secret: TEST_WEBHOOK_SECRET })).toBe(true);
    }
    expect(delivery).toMatchObject({ attempts: 3, lastStatus: 200, state: "delivered" });
  });

  it("give up once the retry window has closed", async () => {
    const hooks = await receiver([500]);
    let now = Date.parse("2026-03-01T00:00:00Z");
    const made = predictions({
      served: {
        webhooks: { ...FAST_SERVED.webhooks, retry: { backoff: { baseMs: 5, capMs: 5 }, windowMs: 60_000 }, now: () => now },
      },
    });
    const record = await submitBody(made.service, { prompt: "a dune" }, { webhook: { url: hooks.url, baseUrl: BASE } });
    await expect.poll(() => hooks.received.length, { timeout: 20_000, interval: 10 }).toBeGreaterThanOrEqual(2);
    now += 61_000;
    const delivery = await deliveryOf(made, record.id, "failed");
    expect(delivery).toMatchObject({ lastStatus: 500, lastError: "the receiver answered HTTP 500" });
    // Given up: no attempt under way and none waiting for its time, so no POST can follow the ones recorded.
    await expect.poll(() => made.webhookSender.pending).toBe(0);
    expect(hooks.received).toHaveLength(delivery.attempts);
  });

  it("do not follow a redirect, and refuse at delivery time a target that now resolves to a private address", async () => {
    const redirecting = await receiver([302]);
    const made = predictions({
      served: {
        webhooks: {
          ...FAST_SERVED.webhooks,
          retry: { backoff: { baseMs: 60_000, capMs: 60_000 }, windowMs: 3_600_000 },
          targets: {
            allowPrivate: false,
            resolve: async (host) => (host === "rebind.test" ? [{ address: "10.0.0.7", family: 4 }] : []),
          },
        },
      },
    });
    const first = await submitBody(
      made.service,
      { prompt: "a" },
      { webhook: { url: "https://rebind.test/hook", baseUrl: BASE } },
    );
    expect(await deliveryOf(made, first.id, "retrying")).toMatchObject({
      attempts: 1,
      lastStatus: null,
      lastError: "the target was refused: its host rebind.test resolves to a private address",
    });

    const loose = predictions({
      served: {
        webhooks: { ...FAST_SERVED.webhooks, retry: { backoff: { baseMs: 60_000, capMs: 60_000 }, windowMs: 3_600_000 } },
      },
    });
    const second = await submitBody(loose.service, { prompt: "b" }, { webhook: { url: redirecting.url, baseUrl: BASE } });
    expect(await deliveryOf(loose, second.id, "retrying")).toMatchObject({
      lastStatus: 302,
      lastError: "the receiver answered a redirect (HTTP 302), which webhooks do not follow",
    });
  });

  it("pick up after a restart what a previous process left open", async () => {
    const hooks = await receiver();
    const dataDir = tempDir();
    const before = createTestPredictions(createLocalEngine(), { dataDir });
    const output: StoredOutput = {
      index: 0,
      file: "x/0.jpg",
      contentType: "image/jpeg",
      width: 8,
      height: 8,
      bytes: 10,
      nsfw: false,
      sourceUrl: null,
      starred: false,
    };
    // Two predictions that ended while their webhooks were still owed: one never attempted (the process
    // stopped in between), one waiting for its retry.
    for (const id of ["a".repeat(32), "b".repeat(32)]) {
      await before.repo.create({
        id,
        engine: "local",
        model: "m",
        status: "created",
        input: {
          model: "pro",
          prompt: id,
          aspect_ratio: "1:1",
          num_images: 1,
          seed: 1,
          guidance_scale: 3.5,
          safety_tolerance: "2",
        },
        seedRequested: null,
        upstreamId: null,
        submitState: "submitted",
        error: "",
        inferenceMs: 0,
        createdAt: new Date().toISOString(),
        completedAt: null,
      });
      await before.webhookSender.register(id, `${hooks.url}/${id[0]}`, BASE);
      await before.repo.complete(id, [{ ...output, file: `${id}/0.jpg` }], { completedAt: new Date().toISOString() });
    }
    const [retrying] = await before.deliveries.listForPrediction("b".repeat(32));
    await before.deliveries.recordAttempt(retrying.id, {
      outcome: "retrying",
      at: new Date().toISOString(),
      httpStatus: 503,
      error: "the receiver answered HTTP 503",
      nextAttemptAt: new Date(Date.now() + 200).toISOString(),
    });
    await before.service.close();

    const after = predictions({ dataDir });
    await expect.poll(() => hooks.received.map((call) => call.path).sort(), { timeout: 20_000 }).toEqual(["/a", "/b"]);
    expect(await deliveryOf(after, "b".repeat(32), "delivered")).toMatchObject({ attempts: 2, lastStatus: 200 });
    expect(await deliveryOf(after, "a".repeat(32), "delivered")).toMatchObject({ attempts: 1 });
  });
});
