import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { errorEnvelopeSchema } from "@/lib/contract";
import { FAKE_API_KEY, submit, uniqueToken, upstreamCalls, WEBHOOK_PATH, waitForTerminal, webhookDeliveries } from "./upstream";

/** The playground behind the fake upstream, with signed webhooks on and polling as the safety net. */
test.describe("WaveSpeed webhooks", () => {
  test("a signed delivery is accepted and the images are served from here", async ({ request, baseURL }) => {
    const token = uniqueToken("signed");
    const submitted = await submit(request, { prompt: `${token} [duration:1500]`, num_images: 2 });
    const done = await waitForTerminal(request, submitted.id);
    expect(done).toMatchObject({ status: "completed", error: "", engine: "wavespeed" });

    const upstream = await upstreamCalls(token);
    expect(upstream.submits).toHaveLength(1);
    expect(upstream.submits[0].query).toEqual({ webhook: `${baseURL}${WEBHOOK_PATH}` });
    for (const call of [...upstream.submits, ...upstream.polls])
      expect(call.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
    expect(upstream.submits[0].headers["content-type"]).toBe("application/json");
    await expect
      .poll(() => webhookDeliveries(upstream.taskId!))
      .toMatchObject([{ url: `${baseURL}${WEBHOOK_PATH}`, forged: false, status: 200 }]);

    expect(done.outputs).toHaveLength(2);
    for (const output of done.outputs) {
      expect(output.url.startsWith(`${baseURL}/`)).toBe(true);
      const image = await request.get(output.url);
      expect(image.status()).toBe(200);
      expect(image.headers()["content-type"]).toBe("image/png");
      const meta = await sharp(await image.body()).metadata();
      expect([meta.width, meta.height]).toEqual([1024, 1024]);
    }
  });

  test("a forged delivery gets 401 and the poll still completes the prediction", async ({ request }) => {
    const token = uniqueToken("forged");
    const submitted = await submit(request, { prompt: `${token} [duration:500,webhook-forged]` });
    const done = await waitForTerminal(request, submitted.id, 30_000);
    expect(done).toMatchObject({ status: "completed", error: "" });
    expect(done.outputs).toHaveLength(1);

    const upstream = await upstreamCalls(token);
    await expect.poll(() => webhookDeliveries(upstream.taskId!)).toMatchObject([{ forged: true, status: 401 }]);
    expect(upstream.polls.length).toBeGreaterThanOrEqual(1);
    expect(upstream.submits).toHaveLength(1);
  });

  test("an unsigned POST is refused with 401 in the error envelope", async ({ request }) => {
    const response = await request.post(WEBHOOK_PATH, { data: { id: "anything", status: "completed", outputs: [] } });
    expect(response.status()).toBe(401);
    expect(errorEnvelopeSchema.parse(await response.json())).toMatchObject({ code: 401, data: null });
  });

  test("a delivery with a bad signature is refused and changes nothing", async ({ request }) => {
    const token = uniqueToken("badsig");
    const submitted = await submit(request, { prompt: `${token} [duration:3000]` });
    await expect.poll(async () => (await upstreamCalls(token)).taskId).toBeTruthy();
    const { taskId } = await upstreamCalls(token);

    // Claims the running task failed, signed the documented way but with a key that is not the account's.
    const body = JSON.stringify({ id: taskId, status: "failed", error: "forged failure", outputs: [] });
    const id = "wh_forged";
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac("sha256", "not-the-secret").update(`${id}.${timestamp}.${body}`).digest("hex");
    const response = await request.post(WEBHOOK_PATH, {
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": timestamp,
        "webhook-signature": `v3,${signature}`,
      },
      data: body,
    });
    expect(response.status()).toBe(401);
    expect(errorEnvelopeSchema.parse(await response.json())).toMatchObject({ code: 401, data: null });

    const done = await waitForTerminal(request, submitted.id);
    expect(done).toMatchObject({ status: "completed", error: "" });
  });
});
