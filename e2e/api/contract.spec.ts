import { type APIRequestContext, expect, test } from "@playwright/test";
import sharp from "sharp";
import { errorEnvelopeSchema, predictionEnvelopeSchema } from "@/lib/contract";

/** The documented example, sent the way the docs' curl sends it. */
const AIRSHIP = {
  prompt:
    "A grand steampunk airship soaring through the sky, with intricate brass and copper details, large propellers spinning, and a massive balloon filled with hot air. The airship is adorned with Victorian-style architecture, featuring ornate railings and decorative elements. The sky is a brilliant blue with fluffy white clouds, and the airship casts a shadow on the landscape below. The scene conveys a sense of adventure and exploration",
  aspect_ratio: "1:1",
  num_images: 1,
  guidance_scale: 3.5,
  safety_tolerance: "2",
};
const SUBMIT = "/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image";
const headers = { "Content-Type": "application/json", Authorization: "Bearer any-key-is-accepted" };

/** The task once it has ended, read at its `urls.get` as a client of the contract polls it. */
async function pollUntilDone(request: APIRequestContext, url: string) {
  const read = async () => predictionEnvelopeSchema.parse(await (await request.get(url, { headers })).json());
  await expect.poll(async () => (await read()).data.status, { timeout: 20_000 }).toMatch(/^(completed|failed)$/);
  return read();
}

async function expectError(response: Awaited<ReturnType<APIRequestContext["post"]>>, status: number, field?: string) {
  expect(response.status()).toBe(status);
  const body = errorEnvelopeSchema.parse(await response.json());
  expect(body.code).toBe(status);
  if (field) {
    expect(body.field).toBe(field);
    expect(body.message).toContain(field);
  }
  return body;
}

test.describe("served WaveSpeed contract", () => {
  test("the documented example completes with a 1024x1024 image served from here", async ({ request, baseURL }) => {
    const submitted = await request.post(SUBMIT, { headers, data: AIRSHIP });
    expect(submitted.status()).toBe(200);
    const envelope = predictionEnvelopeSchema.parse(await submitted.json());
    expect(envelope).toMatchObject({ code: 200, message: "success" });
    expect(envelope.data.status).toBe("created");
    expect(envelope.data.outputs).toEqual([]);
    expect(envelope.data.urls.get).toBe(`${baseURL}/api/v3/predictions/${envelope.data.id}/result`);

    const done = await pollUntilDone(request, envelope.data.urls.get);
    expect(done.data).toMatchObject({ id: envelope.data.id, status: "completed", error: "", has_nsfw_contents: [false] });
    expect(done.data.model).not.toMatch(/flux/i);
    expect(done.data.timings.inference).toBeGreaterThan(0);
    expect(done.data.outputs).toHaveLength(1);
    expect(done.data.outputs[0].startsWith(`${baseURL}/`)).toBe(true);

    const image = await request.get(done.data.outputs[0]);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toMatch(/^image\//);
    expect(image.headers()["cache-control"]).toContain("immutable");
    const meta = await sharp(await image.body()).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
  });

  test("records the seed it picked, and repeats an image for the same seed", async ({ request }) => {
    const first = predictionEnvelopeSchema.parse(
      await (await request.post(SUBMIT, { headers, data: { prompt: "seeded sea", seed: 77 } })).json(),
    );
    const second = predictionEnvelopeSchema.parse(
      await (await request.post(SUBMIT, { headers, data: { prompt: "seeded sea", seed: 77 } })).json(),
    );
    const [a, b] = await Promise.all([pollUntilDone(request, first.data.urls.get), pollUntilDone(request, second.data.urls.get)]);
    const [bytesA, bytesB] = await Promise.all([request.get(a.data.outputs[0]), request.get(b.data.outputs[0])]);
    expect(Buffer.compare(await bytesA.body(), await bytesB.body())).toBe(0);
  });

  test("ignores unknown fields and accepts no Authorization header at all", async ({ request }) => {
    const response = await request.post(SUBMIT, { data: { prompt: "a fox", enable_base64_output: false, webhook_extra: 1 } });
    expect(response.status()).toBe(200);
  });

  test("answers a field out of range with 400 naming the field", async ({ request }) => {
    const cases: [Record<string, unknown>, string][] = [
      [{ prompt: "" }, "prompt"],
      [{ prompt: "x", aspect_ratio: "4:5" }, "aspect_ratio"],
      [{ prompt: "x", num_images: 5 }, "num_images"],
      [{ prompt: "x", num_images: "2" }, "num_images"],
      [{ prompt: "x", seed: 2147483648 }, "seed"],
      [{ prompt: "x", guidance_scale: 10.5 }, "guidance_scale"],
      [{ prompt: "x", safety_tolerance: 3 }, "safety_tolerance"],
    ];
    for (const [data, field] of cases) await expectError(await request.post(SUBMIT, { headers, data }), 400, field);
  });

  test("answers a body that is not JSON with 400 and an oversized one with 413", async ({ request }) => {
    await expectError(await request.post(SUBMIT, { headers, data: "prompt=hello" }), 400);
    await expectError(await request.post(SUBMIT, { headers, data: "" }), 400);
    await expectError(await request.post(SUBMIT, { headers, data: { prompt: "x".repeat(200_000) } }), 413);
  });

  test("answers an unknown id with 404 in the envelope", async ({ request }) => {
    const body = await expectError(await request.get("/api/v3/predictions/does-not-exist/result", { headers }), 404);
    expect(body.message).toContain("does-not-exist");
  });

  test("builds URLs from the request's host", async ({ request }) => {
    const response = await request.post(SUBMIT, {
      headers: { ...headers, "X-Forwarded-Host": "play.example.test", "X-Forwarded-Proto": "https" },
      data: { prompt: "x" },
    });
    const envelope = predictionEnvelopeSchema.parse(await response.json());
    expect(envelope.data.urls.get.startsWith("https://play.example.test/api/v3/predictions/")).toBe(true);
  });
});
