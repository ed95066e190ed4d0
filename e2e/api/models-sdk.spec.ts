import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { predictionViewSchema } from "@/lib/playground-api";
import { solid } from "@/testing/images";
import { FAST, runEveryPath, sdkFor } from "./sdk";

const taskIdOf = (detail: unknown) => (detail as { taskId: string }).taskId;

/** The family on the local engine: every registry path is served, the preview stands in for the model asked for. */
test.describe("the Kontext family through the official wavespeed SDK, local engine", () => {
  test("run() on [max] text-to-image: a local preview of [max], said so on its share page", async ({
    baseURL,
    page,
    request,
  }) => {
    const result = await sdkFor(baseURL!).runNoThrow(
      "wavespeed-ai/flux-kontext-max/text-to-image",
      { prompt: "a lighthouse in fog", seed: 4 },
      FAST,
    );
    expect(result.detail).toMatchObject({ status: "completed" });
    const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${taskIdOf(result.detail)}`)).json());
    expect(view.input.model).toBe("max");
    await page.goto(`/p/${view.id}`);
    await expect(page.getByTestId("share-engine")).toHaveText("Local preview for FLUX.1 Kontext [max]");
  });

  test("upload() then run() of a [dev] edit honours size", async ({ baseURL }) => {
    const file = path.join(process.env.E2E_DATA_ROOT!, "models-sdk-dev.png");
    fs.writeFileSync(file, await solid(400, 300, "#805ad5").png().toBuffer());
    const client = sdkFor(baseURL!);
    const image = await client.upload(file);
    const { outputs } = await client.run(
      "wavespeed-ai/flux-kontext-dev",
      { prompt: "make it night", image, size: "768*1280", num_images: 2 },
      FAST,
    );
    expect(outputs).toHaveLength(2);
    const output = Buffer.from(await (await fetch(String(outputs[1]))).arrayBuffer());
    expect(await sharp(output).metadata()).toMatchObject({ width: 768, height: 1280 });
  });

  test("every path of the registry, run() through the SDK: completed, its model and kind recorded", async ({
    baseURL,
    request,
  }) => {
    test.setTimeout(120_000);
    await runEveryPath(baseURL!, request, (entry) => `every path ${entry.id}`);
  });

  test("a Kontext path outside the family is a JSON 404 that lists what is served", async ({ request }) => {
    const answer = await request.post("/api/v3/wavespeed-ai/flux-kontext-ultra/text-to-image", { data: { prompt: "x" } });
    expect(answer.status()).toBe(404);
    const body = await answer.json();
    expect(body).toMatchObject({ code: 404, field: "model" });
    expect(body.message).toContain("POST /api/v3/wavespeed-ai/flux-kontext-dev/multi-ultra-fast");
    expect((await request.get("/api/v3/wavespeed-ai/flux-kontext-max")).status()).toBe(405);
  });
});
