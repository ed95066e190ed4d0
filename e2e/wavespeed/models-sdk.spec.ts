import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { errorEnvelopeSchema } from "@/lib/contract";
import { predictionViewSchema } from "@/lib/playground-api";
import { solid } from "@/testing/images";
import { FAST, runEveryPath, sdkFor } from "../api/sdk";
import { FAKE_URL, type UpstreamRequest, uniqueToken } from "./upstream";

const MAX_TEXT = "wavespeed-ai/flux-kontext-max/text-to-image";
const DEV_EDIT = "wavespeed-ai/flux-kontext-dev";

/** The submits the fake upstream received for a token, with the path each was sent to. */
const upstreamSubmits = async (token: string) =>
  ((await (await fetch(`${FAKE_URL}/__requests?prompt=${encodeURIComponent(token)}`)).json()) as UpstreamRequest[]).filter(
    (request) => request.method === "POST" && request.path.startsWith("/api/v3/wavespeed-ai/"),
  );
const taskIdOf = (detail: unknown) => (detail as { taskId: string }).taskId;

/** The official SDK drives the family on the WaveSpeed engine: each model goes to its own path upstream. */
test.describe("the Kontext family through the official wavespeed SDK, WaveSpeed engine", () => {
  test("run() on [max] text-to-image: sent to [max]'s path upstream, its envelope names it", async ({ baseURL, request }) => {
    const token = uniqueToken("sdk-max");
    const result = await sdkFor(baseURL!).runNoThrow(MAX_TEXT, { prompt: `${token} [duration:300]`, aspect_ratio: "16:9" }, FAST);
    expect(result.detail).toMatchObject({ status: "completed", model: MAX_TEXT });
    expect(result.outputs).toHaveLength(1);
    const meta = await sharp(await (await request.get(String(result.outputs![0]))).body()).metadata();
    expect([meta.width, meta.height]).toEqual([1392, 752]);

    const submits = await upstreamSubmits(token);
    expect(submits.map((submit) => submit.path)).toEqual([`/api/v3/${MAX_TEXT}`]);
    const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${taskIdOf(result.detail)}`)).json());
    expect(view.input.model).toBe("max");
  });

  test("upload() then run() of a [dev] edit: [dev]'s body upstream, the output at the size asked for", async ({ baseURL }) => {
    const token = uniqueToken("sdk-dev");
    const file = path.join(process.env.E2E_DATA_ROOT!, `${token}.png`);
    fs.writeFileSync(file, await solid(640, 480, "#2b6cb0").png().toBuffer());
    const client = sdkFor(baseURL!);
    const image = await client.upload(file);
    const result = await client.runNoThrow(
      DEV_EDIT,
      { prompt: `${token} make it dusk`, image, size: "1280*768", num_inference_steps: 20 },
      FAST,
    );
    expect(result.detail).toMatchObject({ status: "completed", model: DEV_EDIT });
    const output = Buffer.from(await (await fetch(String(result.outputs![0]))).arrayBuffer());
    expect(await sharp(output).metadata()).toMatchObject({ width: 1280, height: 768 });

    const [submit] = await upstreamSubmits(token);
    expect(submit.path).toBe(`/api/v3/${DEV_EDIT}`);
    expect(submit.body).toMatchObject({ size: "1280*768", num_inference_steps: 20, output_format: "jpeg" });
    expect(submit.body).not.toHaveProperty("aspect_ratio");
    expect(submit.body).not.toHaveProperty("safety_tolerance");
  });

  test("every path of the registry, run() through the SDK: its own path upstream, its model and kind recorded", async ({
    baseURL,
    request,
  }) => {
    test.setTimeout(120_000);
    const token = uniqueToken("sdk-every");
    await runEveryPath(
      baseURL!,
      request,
      (entry) => `${token} ${entry.id} [duration:0]`,
      async (entry, prompt) =>
        expect(
          (await upstreamSubmits(prompt)).map((submit) => submit.path),
          entry.id,
        ).toEqual([`/api/v3/${entry.id}`]),
    );
  });

  test("each model's own ranges are refused with a 400 naming the field, and nothing goes upstream", async ({ request }) => {
    const token = uniqueToken("sdk-refused");
    const refused = async (id: string, data: object) => {
      const answer = await request.post(`/api/v3/${id}`, { data: { prompt: token, ...data } });
      expect(answer.status()).toBe(400);
      return errorEnvelopeSchema.parse(await answer.json());
    };
    expect(await refused("wavespeed-ai/flux-kontext-pro/text-to-image", { size: "1024*1024" })).toMatchObject({ field: "size" });
    expect(await refused(DEV_EDIT, { image: "https://example.com/a.png", num_inference_steps: 90 })).toMatchObject({
      field: "num_inference_steps",
    });
    expect(await upstreamSubmits(token)).toEqual([]);
  });
});
