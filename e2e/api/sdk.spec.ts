import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { WavespeedSubmissionException } from "wavespeed";
import { errorEnvelopeSchema, predictionEnvelopeSchema } from "@/lib/contract";
import { predictionViewSchema } from "@/lib/playground-api";
import { FAST, MODEL_ID, rejection, sdkFor } from "./sdk";

/** The official SDK against the playground on the local engine, with only baseUrl changed. */
test.describe("the official wavespeed SDK, local engine", () => {
  test("run() submits, polls and returns image URLs served from here", async ({ baseURL, request }) => {
    const { outputs } = await sdkFor(baseURL!).run(MODEL_ID, { prompt: "a lighthouse at dusk", aspect_ratio: "16:9" }, FAST);
    expect(outputs).toHaveLength(1);
    expect(outputs[0].startsWith(`${baseURL}/api/images/`)).toBe(true);
    const image = await request.get(outputs[0]);
    const meta = await sharp(await image.body()).metadata();
    expect([meta.width, meta.height]).toEqual([1392, 752]);
  });

  test("runNoThrow() returns the outputs with the task id, which both read paths answer alike", async ({ baseURL, request }) => {
    const result = await sdkFor(baseURL!).runNoThrow(MODEL_ID, { prompt: "a red fox", num_images: 2 }, FAST);
    expect(result.outputs).toHaveLength(2);
    expect(result.detail).toMatchObject({ status: "completed", model: MODEL_ID });
    const id = result.detail.taskId;
    const viaResult = predictionEnvelopeSchema.parse(await (await request.get(`/api/v3/predictions/${id}/result`)).json());
    const viaPrediction = predictionEnvelopeSchema.parse(await (await request.get(`/api/v3/predictions/${id}`)).json());
    expect(viaPrediction).toEqual(viaResult);
    expect(viaResult.data).toMatchObject({ id, status: "completed", outputs: result.outputs });
  });

  test("sync mode answers the outputs in the submit's own answer", async ({ baseURL }) => {
    const client = sdkFor(baseURL!);
    const { outputs } = await client.run(MODEL_ID, { prompt: "a snowy pass" }, { ...FAST, enableSyncMode: true });
    expect(outputs).toHaveLength(1);
    expect(outputs[0].startsWith(`${baseURL}/api/images/`)).toBe(true);
    const result = await client.runNoThrow(MODEL_ID, { prompt: "a snowy pass", seed: 5 }, { ...FAST, enableSyncMode: true });
    expect(result.detail).toMatchObject({ status: "completed" });
    expect(result.detail.taskId).toMatch(/^[0-9a-f]{32}$/);
  });

  test("enable_base64_output answers naked base64 of the very bytes this server stores", async ({ baseURL, request }) => {
    const result = await sdkFor(baseURL!).runNoThrow(
      MODEL_ID,
      { prompt: "a base64 meadow", enable_base64_output: true },
      { ...FAST, enableSyncMode: true },
    );
    expect(result.outputs).toHaveLength(1);
    const encoded = String(result.outputs![0]);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${result.detail.taskId}`)).json());
    const stored = await (await request.get(view.outputs[0].url)).body();
    expect(Buffer.from(encoded, "base64").equals(stored)).toBe(true);

    // Polled later, the prediction keeps answering the way its submit asked.
    const polled = await sdkFor(baseURL!).run(MODEL_ID, { prompt: "a base64 meadow", enable_base64_output: true }, FAST);
    expect(Buffer.from(String(polled.outputs[0]), "base64").subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  test("a 400 comes back as the SDK's submission error, with the envelope's message", async ({ baseURL }) => {
    const client = sdkFor(baseURL!);
    const error = await rejection(client.run(MODEL_ID, { prompt: "x", num_images: 5 }, FAST));
    expect(error).toBeInstanceOf(WavespeedSubmissionException);
    expect(error.message).toContain("HTTP 400");
    expect(error.message).toContain("num_images must be an integer from 1 to 4");
    const noThrow = await client.runNoThrow(MODEL_ID, { prompt: "x", enable_sync_mode: "yes" }, FAST);
    expect(noThrow.outputs).toBeNull();
    expect(noThrow.detail.status).toBe("failed");
    expect(String(noThrow.detail.error)).toContain("enable_sync_mode must be true or false");
  });

  test("a model outside the family gets a short JSON 404 instead of an HTML page, and an upload of a non-image a 415", async ({
    baseURL,
  }) => {
    const client = sdkFor(baseURL!);
    const model = await rejection(client.run("wavespeed-ai/flux-kontext-ultra", { prompt: "x" }, FAST));
    expect(model.message).toContain("HTTP 404");
    expect(model.message).toContain("is not served here: this playground serves the FLUX.1 Kontext family");
    expect(model.message).not.toMatch(/<html|<!DOCTYPE/i);
    expect(model.message.length).toBeLessThan(1_000);

    const upload = await rejection(client.upload(__filename));
    expect(upload.message).toMatch(/HTTP 415|only images are taken/);
  });
});

test.describe("every /api/v3 answer is JSON", () => {
  test("unknown paths, wrong methods and /api/v3 itself", async ({ request }) => {
    const cases: Array<[string, string, number]> = [
      ["GET", "/api/v3", 404],
      ["GET", "/api/v3/predictions", 404],
      ["POST", "/api/v3/wavespeed-ai/flux-kontext-ultra", 404],
      ["POST", "/api/v3/wavespeed-ai/flux-kontext-dev", 400],
      ["GET", "/api/v3/wavespeed-ai/flux-kontext-dev/multi-ultra-fast", 405],
      ["GET", "/api/v3/wavespeed-ai/flux-kontext-pro/multi", 405],
      ["GET", "/api/v3/media/upload/binary", 405],
      ["DELETE", "/api/v3/predictions/abc/result/extra", 404],
      ["GET", "/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image", 405],
      ["POST", "/api/v3/predictions/abc/result", 405],
      ["PUT", "/api/v3/predictions/abc", 405],
      ["GET", "/api/v3/predictions/not-a-task", 404],
    ];
    for (const [method, path, status] of cases) {
      const response = await request.fetch(path, { method, data: method === "GET" ? undefined : {} });
      expect(response.status(), `${method} ${path}`).toBe(status);
      expect(response.headers()["content-type"]).toContain("application/json");
      const body = errorEnvelopeSchema.parse(await response.json());
      expect(body.code).toBe(status);
    }
  });

  test("the OpenAPI document is served, for this host, and valid", async ({ request, baseURL }) => {
    const response = await request.get("/api/v3/openapi.json");
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document).toMatchObject({ openapi: "3.1.0", servers: [{ url: baseURL }] });
    const { Validator } = await import("@seriousme/openapi-schema-validator");
    const validator = new Validator();
    expect(await validator.validate(document)).toEqual({ valid: true });
  });
});
