import { createHmac, timingSafeEqual } from "node:crypto";
import { expect, test } from "@playwright/test";
import { predictionEnvelopeSchema, webhookPayloadSchema, webhookSecretEnvelopeSchema } from "@/lib/contract";
import { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from "@/testing/webhook-receiver";

/**
 * Webhooks from the playground (local engine, started with WEBHOOK_ALLOW_PRIVATE=1 so a receiver on
 * 127.0.0.1 may be the target), received by a server the test starts, verified as the README says.
 */
const SUBMIT = "/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image";

let receiver: WebhookReceiver | undefined;
test.afterEach(async () => receiver?.close());

/** The README's recipe: HMAC-SHA256 over "id.timestamp.body", keyed by the secret without "whsec_". */
function signatureChecksOut(call: ReceivedWebhook, secret: string): boolean {
  const id = call.headers["webhook-id"];
  const timestamp = call.headers["webhook-timestamp"];
  const [version, signature] = (call.headers["webhook-signature"] ?? "").split(",");
  if (!id || !timestamp || version !== "v3" || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac("sha256", secret.replace(/^whsec_/, ""))
    .update(`${id}.${timestamp}.${call.body}`)
    .digest("hex");
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

async function secretOf(request: import("@playwright/test").APIRequestContext) {
  return webhookSecretEnvelopeSchema.parse(await (await request.get("/api/v3/webhook/secret")).json()).data.secret;
}

test.describe("webhooks from the playground", () => {
  test("deliver the final task, signed, to the URL the submit named", async ({ request }) => {
    receiver = await startWebhookReceiver();
    const target = `${receiver.url}/hooks/kontext?token=abc`;
    const submitted = await request.post(`${SUBMIT}?webhook=${encodeURIComponent(target)}`, {
      data: { prompt: "a signed lighthouse", seed: 11 },
    });
    expect(submitted.status()).toBe(200);
    const { data } = predictionEnvelopeSchema.parse(await submitted.json());

    await expect.poll(() => receiver!.received.length, { timeout: 30_000 }).toBe(1);
    const [call] = receiver.received;
    expect(call.path).toBe("/hooks/kontext?token=abc");
    expect(signatureChecksOut(call, await secretOf(request))).toBe(true);
    expect(signatureChecksOut(call, "whsec_not-the-secret")).toBe(false);

    const payload = webhookPayloadSchema.parse(JSON.parse(call.body));
    const result = predictionEnvelopeSchema.parse(await (await request.get(data.urls.get)).json());
    const { input, ...task } = payload;
    expect(task).toEqual(result.data);
    expect(payload).toMatchObject({ id: data.id, status: "completed" });
    expect(input).toMatchObject({ prompt: "a signed lighthouse", seed: 11, num_images: 1 });
  });

  test("try again after the receiver answers 500, signed each time, with the same webhook id", async ({ request }) => {
    receiver = await startWebhookReceiver([500, 200]);
    const submitted = await request.post(`${SUBMIT}?webhook=${encodeURIComponent(receiver.url)}`, {
      data: { prompt: "a retried harbour", enable_sync_mode: true },
    });
    expect(predictionEnvelopeSchema.parse(await submitted.json()).data.status).toBe("completed");

    await expect.poll(() => receiver!.received.length, { timeout: 30_000 }).toBe(2);
    const secret = await secretOf(request);
    const [first, second] = receiver.received;
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(signatureChecksOut(first, secret)).toBe(true);
    expect(signatureChecksOut(second, secret)).toBe(true);
    expect(second.body).toBe(first.body);
  });

  test("refuse base64 outputs with a webhook in WaveSpeed's words", async ({ request }) => {
    const response = await request.post(`${SUBMIT}?webhook=${encodeURIComponent("http://127.0.0.1:9/hook")}`, {
      data: { prompt: "x", enable_base64_output: true },
    });
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 400,
      message: "webhook callback does not support base64 output",
      field: "enable_base64_output",
    });
  });
});
