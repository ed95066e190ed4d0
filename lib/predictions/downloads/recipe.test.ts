import exifr from "exifr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { PredictionRecord } from "@/lib/domain";
import { readRecipe } from "@/lib/playground-api";
import { recipeOf, withRecipe } from "./recipe";

const record = {
  id: "3f2a9c0e",
  engine: "wavespeed",
  model: "wavespeed-ai/flux-kontext-pro/text-to-image",
  input: {
    prompt: "Café at dusk — “quoted” 🌙 <b>&",
    aspect_ratio: "3:2",
    num_images: 2,
    seed: 4242,
    guidance_scale: 6.5,
    safety_tolerance: "4",
  },
} as PredictionRecord;

const image = (format: "png" | "jpeg") =>
  sharp({ create: { width: 48, height: 32, channels: 3, background: "#3b82f6" } })
    .toFormat(format)
    .toBuffer();

describe("downloads carry their recipe", () => {
  for (const [format, contentType] of [
    ["png", "image/png"],
    ["jpeg", "image/jpeg"],
  ] as const) {
    it(`embeds the recipe in a ${format} so it reads back whole, any prompt included`, async () => {
      const original = await image(format);
      const tagged = await withRecipe(original, contentType, record);
      const { ImageDescription } = await exifr.parse(tagged, { pick: ["ImageDescription"] });
      expect(readRecipe(ImageDescription)).toEqual(recipeOf(record));
      expect(readRecipe(ImageDescription)?.prompt).toBe(record.input.prompt);
      const meta = await sharp(tagged).metadata();
      expect([meta.format, meta.width, meta.height, Boolean(meta.xmp)]).toEqual([format, 48, 32, true]);
    });
  }

  it("keeps a PNG's pixels exactly", async () => {
    const original = await image("png");
    const tagged = await withRecipe(original, "image/png", record);
    const pixels = (bytes: Buffer) => sharp(bytes).raw().toBuffer();
    expect((await pixels(tagged)).equals(await pixels(original))).toBe(true);
  });

  it("finds no recipe in another tool's description", () => {
    expect(readRecipe("A photo of a cat")).toBeUndefined();
    expect(readRecipe(undefined)).toBeUndefined();
    expect(readRecipe('{"format":"kontext-playground-recipe","version":2}')).toBeUndefined();
  });
});
