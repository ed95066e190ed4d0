import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { EDIT_MODEL_ID, MULTI_MODEL_ID } from "@/lib/contract";
import { PIXEL_SIZES } from "@/lib/domain";
import { predictionViewSchema } from "@/lib/playground-api";
import { jpegOf, solid, webpOf } from "@/testing/images";
import { FAST, sdkFor } from "./sdk";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const taskIdOf = (detail: unknown) => (detail as { taskId: string }).taskId;

/** The official SDK edits on the local engine with only baseUrl changed: upload, then run the edit models. */
test.describe("edits through the official wavespeed SDK, local engine", () => {
  test("upload() of a PNG on disk, then run() of the edit model with the returned URL", async ({ baseURL, request }) => {
    const png = await solid(300, 200, "#2f855a").png().toBuffer();
    const file = path.join(process.env.E2E_DATA_ROOT!, "edit-sdk-meadow.png");
    fs.writeFileSync(file, png);
    const client = sdkFor(baseURL!);

    const url = await client.upload(file);
    expect(url.startsWith(`${baseURL}/api/uploads/`)).toBe(true);
    expect(Buffer.from(await (await request.get(url)).body()).equals(png)).toBe(true);

    const result = await client.runNoThrow(EDIT_MODEL_ID, { prompt: "make it night", image: url, seed: 3 }, FAST);
    expect(result.detail).toMatchObject({ status: "completed" });
    const output = Buffer.from(await (await request.get(result.outputs![0] as string)).body());
    // No aspect_ratio: the output keeps the input's 3:2 shape.
    const meta = await sharp(output).metadata();
    expect(meta.width! / meta.height!).toBeCloseTo(3 / 2, 1);

    const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${taskIdOf(result.detail)}`)).json());
    expect(view.input.edit).toMatchObject({ kind: "edit", matchInput: true });
    expect(view.input.edit!.images[0].sha256).toBe(sha256(png));
    // The input is kept with the run, and served from here.
    const kept = await request.get(view.input.edit!.images[0].url);
    expect(Buffer.from(await kept.body()).equals(png)).toBe(true);
  });

  test("an edit with a base64 input, naked and as a data: URI, is the same picture", async ({ baseURL, request }) => {
    const jpeg = await jpegOf(256, 256, "#c05621");
    const client = sdkFor(baseURL!);
    const naked = await client.run(EDIT_MODEL_ID, { prompt: "pencil sketch", image: jpeg.toString("base64"), seed: 9 }, FAST);
    const uri = await client.run(
      EDIT_MODEL_ID,
      { prompt: "pencil sketch", image: `data:image/jpeg;base64,${jpeg.toString("base64")}`, seed: 9 },
      FAST,
    );
    const [a, b] = await Promise.all(
      [naked.outputs[0], uri.outputs[0]].map(async (url) => Buffer.from(await (await request.get(String(url))).body())),
    );
    // The local edit is deterministic: the same picture, instruction and seed give the same output.
    expect(a.equals(b)).toBe(true);
    expect(a.equals(jpeg)).toBe(false);
  });

  test("a multi run combines three images under one instruction", async ({ baseURL, request }) => {
    const images = await Promise.all([jpegOf(200, 200, "#e53e3e"), webpOf(240, 160, "#3182ce"), jpegOf(160, 240, "#38a169")]);
    const result = await sdkFor(baseURL!).runNoThrow(
      MULTI_MODEL_ID,
      { prompt: "side by side, vivid", images: images.map((bytes) => bytes.toString("base64")), aspect_ratio: "16:9" },
      FAST,
    );
    expect(result.detail).toMatchObject({ status: "completed" });
    const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${taskIdOf(result.detail)}`)).json());
    expect(view.input.edit?.kind).toBe("multi");
    expect(view.input.edit?.images.map((image) => image.sha256)).toEqual(images.map(sha256));
    const meta = await sharp(Buffer.from(await (await request.get(String(result.outputs![0]))).body())).metadata();
    expect([meta.width, meta.height]).toEqual([PIXEL_SIZES["16:9"].width, PIXEL_SIZES["16:9"].height]);
  });
});
