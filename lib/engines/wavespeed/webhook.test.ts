import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EngineInput } from "@/lib/domain";
import { type FakeWavespeed, startFakeWavespeed } from "@/testing/fake-wavespeed/server";
import { UpstreamError } from "../types";
import { createWavespeedEngine } from "./engine";
import { computeSignature } from "./signature";
import {
  createWebhookSecretCache,
  fetchWebhookSecret,
  parseWebhookBody,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_SECRET_PATH,
} from "./webhook";

const KEY = "ws-hook-key-0c6f3e81d2";
const input = (prompt: string): EngineInput => ({
  model: "pro",
  prompt,
  aspect_ratio: "1:1",
  num_images: 1,
  seed: 7,
  guidance_scale: 3.5,
  safety_tolerance: "2",
});

type Delivery = { headers: IncomingHttpHeaders; rawBody: string };
let fake: FakeWavespeed;
let receiver: Server;
let hookUrl = "";
const deliveries: Delivery[] = [];

beforeAll(async () => {
  fake = await startFakeWavespeed({ apiKey: KEY, defaultDurationMs: 30, createdPhaseMs: 0 });
  receiver = createServer(async (req, res) => {
    let rawBody = "";
    for await (const chunk of req) rawBody += chunk;
    deliveries.push({ headers: req.headers, rawBody });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  fake.reset();
  deliveries.length = 0;
});

async function deliveryFor(prompt: string): Promise<Delivery> {
  const engine = createWavespeedEngine({ apiKey: KEY, baseUrl: fake.url });
  const { upstreamId } = await engine.submit(input(prompt), { predictionId: "p", webhookUrl: hookUrl });
  for (let i = 0; i < 200; i++) {
    const found = deliveries.find((d) => d.rawBody.includes(upstreamId));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("no webhook arrived");
}

describe("webhooks from the fake upstream", () => {
  it("arrive signed with the account secret and parse to the task's state", async () => {
    const delivery = await deliveryFor("hooked [nsfw:0]");
    const secret = await fetchWebhookSecret({ apiKey: KEY, baseUrl: fake.url });
    expect(secret).toMatch(/^whsec_/);
    expect(delivery.headers["webhook-signature"]).toMatch(/^v3,[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ headers: delivery.headers, rawBody: delivery.rawBody, secret })).toBe(true);

    const { upstreamId, state } = parseWebhookBody(delivery.rawBody);
    expect(fake.tasks.has(upstreamId)).toBe(true);
    expect(state.status).toBe("completed");
    expect(state.outputs).toEqual([{ kind: "url", url: `${fake.url}/outputs/${upstreamId}/0.png`, nsfw: true }]);
  });

  it("are rejected when forged, tampered with, stale or from the future", async () => {
    const secret = await fetchWebhookSecret({ apiKey: KEY, baseUrl: fake.url });
    const forged = await deliveryFor("forged [webhook-forged]");
    expect(verifyWebhookSignature({ headers: forged.headers, rawBody: forged.rawBody, secret })).toBe(false);

    const good = await deliveryFor("fine");
    const sentAt = Number(good.headers["webhook-timestamp"]) * 1000;
    const check = (rawBody: string, now: number) => verifyWebhookSignature({ headers: good.headers, rawBody, secret, now });
    expect(check(good.rawBody, sentAt + 299_000)).toBe(true);
    expect(check(good.rawBody.replace('"completed"', '"failed"'), sentAt)).toBe(false);
    expect(check(good.rawBody, sentAt + 301_000)).toBe(false);
    expect(check(good.rawBody, sentAt - 301_000)).toBe(false);
    expect(verifyWebhookSignature({ headers: {}, rawBody: good.rawBody, secret })).toBe(false);
  });

  it("carry failures, moderation included", async () => {
    const { state } = parseWebhookBody((await deliveryFor("bad [moderate]")).rawBody);
    expect(state.status).toBe("failed");
    expect(state.error).toMatch(/^Moderated: /);
  });
});

describe("the webhook secret", () => {
  it("is fetched once and kept, until invalidated", async () => {
    const cache = createWebhookSecretCache({ apiKey: KEY, baseUrl: fake.url });
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(await cache.get()).toBe(a);
    const fetches = () => fake.requests.filter((r) => r.path === WEBHOOK_SECRET_PATH);
    expect(fetches()).toHaveLength(1);
    expect(fetches()[0].headers.authorization).toBe(`Bearer ${KEY}`);
    cache.invalidate();
    await cache.get();
    expect(fetches()).toHaveLength(2);
  });

  it("is refused to a wrong key, and the failure is not cached", async () => {
    const cache = createWebhookSecretCache({ apiKey: "wrong-key-000111", baseUrl: fake.url });
    const error = await cache.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).kind).toBe("auth");
    await cache.get().catch(() => undefined);
    expect(fake.requests.filter((r) => r.path === WEBHOOK_SECRET_PATH)).toHaveLength(2);
  });
});

describe("signatures", () => {
  it("use the secret without its whsec_ prefix as the key, as text", () => {
    expect(computeSignature("whsec_abc", "id", "1", "{}")).toBe(computeSignature("abc", "id", "1", "{}"));
  });

  it("accept any one of several signatures, as during a rotation", () => {
    const now = Date.now();
    const headers = signWebhook("whsec_new", "msg_1", "{}", now);
    const both = { ...headers, "webhook-signature": `v3,${"0".repeat(64)} ${headers["webhook-signature"]}` };
    expect(verifyWebhookSignature({ headers: both, rawBody: "{}", secret: "whsec_new", now })).toBe(true);
    expect(verifyWebhookSignature({ headers: new Headers(headers), rawBody: "{}", secret: "whsec_old", now })).toBe(false);
    const v1 = { ...headers, "webhook-signature": headers["webhook-signature"].replace("v3,", "v1,") };
    expect(verifyWebhookSignature({ headers: v1, rawBody: "{}", secret: "whsec_new", now })).toBe(false);
  });
});

describe("parseWebhookBody", () => {
  it("reads an enveloped body too", () => {
    const body = JSON.stringify({ code: 1403, message: "x", data: { id: "t9", status: "failed", error: "gave up" } });
    expect(parseWebhookBody(body)).toEqual({
      upstreamId: "t9",
      state: { status: "failed", outputs: [], error: "task failed (code 1403): gave up", inferenceMs: 0 },
    });
  });

  it("calls anything else a bad response", () => {
    for (const raw of ["not json", "{}", JSON.stringify({ id: "t", status: "weird" })]) {
      expect(() => parseWebhookBody(raw)).toThrow(UpstreamError);
    }
  });
});
