import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { WavespeedPredictionException, WavespeedSubmissionException } from "wavespeed";
import { errorEnvelopeSchema } from "@/lib/contract";
import { FAST, MODEL_ID, rejection, sdkFor } from "../api/sdk";
import { SUBMIT_PATH, uniqueToken, upstreamCalls } from "./upstream";

/** The official SDK against the playground on the WaveSpeed engine, itself in front of the fake upstream. */
test.describe("the official wavespeed SDK, WaveSpeed engine", () => {
  test("run() and runNoThrow() complete, with the upstream's images mirrored here", async ({ baseURL, request }) => {
    const token = uniqueToken("sdk-run");
    const client = sdkFor(baseURL!);
    const { outputs } = await client.run(MODEL_ID, { prompt: `${token} [duration:600]`, aspect_ratio: "9:16" }, FAST);
    expect(outputs).toHaveLength(1);
    expect(outputs[0].startsWith(`${baseURL}/api/images/`)).toBe(true);
    const meta = await sharp(await (await request.get(outputs[0])).body()).metadata();
    expect([meta.width, meta.height]).toEqual([752, 1392]);

    const result = await client.runNoThrow(MODEL_ID, { prompt: `${token} [duration:300]`, num_images: 2 }, FAST);
    expect(result.outputs).toHaveLength(2);
    expect(result.detail.status).toBe("completed");
    expect((await upstreamCalls(token)).submits).toHaveLength(2);
  });

  test("sync mode and base64 outputs are answered here; the upstream is polled as usual", async ({ baseURL }) => {
    const token = uniqueToken("sdk-sync");
    const result = await sdkFor(baseURL!).runNoThrow(
      MODEL_ID,
      { prompt: `${token} [duration:500]`, enable_base64_output: true },
      { ...FAST, enableSyncMode: true },
    );
    expect(result.detail.status).toBe("completed");
    const png = Buffer.from(String(result.outputs![0]), "base64");
    expect((await sharp(png).metadata()).format).toBe("png");
    const upstream = await upstreamCalls(token);
    expect(upstream.submits).toHaveLength(1);
    expect(upstream.submits[0].body).not.toHaveProperty("enable_sync_mode");
  });

  test("a failed task is the SDK's prediction failure, in sync mode too", async ({ baseURL }) => {
    const token = uniqueToken("sdk-fail");
    const client = sdkFor(baseURL!);
    const error = await rejection(client.run(MODEL_ID, { prompt: `${token} [duration:300,fail:1403]` }, FAST));
    expect(error.message).toMatch(
      /^Prediction failed \(task_id: [0-9a-f]{32}\): task failed \(code 1403\): The simulated task failed/,
    );

    const sync = await client.runNoThrow(
      MODEL_ID,
      { prompt: `${token} [duration:300,moderate]` },
      { ...FAST, enableSyncMode: true },
    );
    expect(sync.outputs).toBeNull();
    expect(sync.detail.status).toBe("failed");
    expect(sync.detail.error).toBeInstanceOf(WavespeedPredictionException);
    expect(String(sync.detail.error)).toContain("Moderated:");
  });

  test("a 400 is the SDK's submission error, and nothing reaches the upstream", async ({ baseURL }) => {
    const token = uniqueToken("sdk-400");
    const error = await rejection(sdkFor(baseURL!).run(MODEL_ID, { prompt: token, guidance_scale: 11 }, FAST));
    expect(error).toBeInstanceOf(WavespeedSubmissionException);
    expect(error.message).toContain("guidance_scale must be a number from 1.0 to 10.0");
    expect((await upstreamCalls(token)).submits).toEqual([]);
  });

  test("a webhook to a private, loopback or link-local target, or over http, is refused without the flag", async ({
    request,
  }) => {
    const token = uniqueToken("sdk-ssrf");
    for (const target of [
      "http://127.0.0.1:9/hook",
      "https://127.0.0.1/hook",
      "https://localhost/hook",
      "https://10.0.0.8/hook",
      "https://[::1]/hook",
      "https://169.254.169.254/latest/meta-data",
    ]) {
      const response = await request.post(`${SUBMIT_PATH}?webhook=${encodeURIComponent(target)}`, { data: { prompt: token } });
      expect(response.status(), target).toBe(400);
      const body = errorEnvelopeSchema.parse(await response.json());
      expect(body).toMatchObject({ code: 400, field: "webhook" });
      expect(body.message).toContain("WEBHOOK_ALLOW_PRIVATE=1");
    }
    expect((await upstreamCalls(token)).submits).toEqual([]);
  });
});
