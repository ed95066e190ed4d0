import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { type EngineInput, PIXEL_SIZES } from "@/lib/domain";
import { meanDiff } from "@/testing/images";
import { planEdit } from "./edit-plan";
import { createRng } from "./prng";
import { renderImage } from "./render";

const scene = (prompt: string, seed = 3): EngineInput => ({
  model: "pro",
  prompt,
  aspect_ratio: "4:3",
  num_images: 1,
  seed,
  guidance_scale: 3.5,
  safety_tolerance: "2",
});
const edit = (prompt: string, over: Partial<EngineInput> = {}): EngineInput => ({
  ...scene(prompt, 11),
  aspect_ratio: "4:3",
  edit: { kind: "edit", matchInput: true, images: [] },
  ...over,
});

/** The mean of each channel: tells a tint. */
async function means(image: Buffer) {
  const { channels } = await sharp(image).stats();
  return channels.slice(0, 3).map((channel) => channel.mean);
}

describe("the local edit", () => {
  it("is deterministic, a JPEG at the run's pixel size", async () => {
    const source = await renderImage(scene("a harbour at noon"), 0);
    const [a, b] = [await renderImage(edit("make it night"), 0, [source]), await renderImage(edit("make it night"), 0, [source])];
    expect(a.equals(b)).toBe(true);
    const meta = await sharp(a).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", PIXEL_SIZES["4:3"].width, PIXEL_SIZES["4:3"].height]);
  });

  it("makes a [dev] edit at the size asked for", async () => {
    const source = await renderImage(scene("a harbour at noon"), 0);
    const dev = edit("make it night", { model: "dev", size: "1280*768", num_inference_steps: 28 });
    const meta = await sharp(await renderImage(dev, 0, [source])).metadata();
    expect([meta.width, meta.height]).toEqual([1280, 768]);
  });

  it("depends on the input picture, the instruction and the seed", async () => {
    const harbour = await renderImage(scene("a harbour at noon"), 0);
    const forest = await renderImage(scene("a pine forest in the mountains"), 0);
    const base = await renderImage(edit("make it night"), 0, [harbour]);
    expect(await meanDiff(base, await renderImage(edit("make it night"), 0, [forest]))).toBeGreaterThan(6);
    expect(await meanDiff(base, await renderImage(edit("pencil sketch"), 0, [harbour]))).toBeGreaterThan(6);
    // The seed moves the light's centre and the weather: a visible change, not a re-encode.
    const seeded = await renderImage(edit("make it night", { seed: 12 }), 0, [harbour]);
    expect(await meanDiff(base, seeded)).toBeGreaterThan(1.5);
    const rain = (seed: number) => renderImage(edit("add rain", { seed }), 0, [harbour]);
    expect(await meanDiff(await rain(1), await rain(2))).toBeGreaterThan(2);
  });

  it("does what the words say: night darkens and blues, sunset warms, black and white drops colour", async () => {
    const source = await renderImage(scene("a meadow by a lake at noon"), 0);
    const [r, g, b] = await means(source);
    const night = await means(await renderImage(edit("make it night"), 0, [source]));
    expect(night[0] + night[1] + night[2]).toBeLessThan((r + g + b) * 0.75);
    expect(night[2] / night[0]).toBeGreaterThan(b / r);
    const sunset = await means(await renderImage(edit("at sunset"), 0, [source]));
    expect(sunset[0] / sunset[2]).toBeGreaterThan(r / b);
    const { channels } = await sharp(await renderImage(edit("black and white"), 0, [source])).stats();
    expect(Math.abs(channels[0].mean - channels[2].mean)).toBeLessThan(3);
  });

  it("moves the dominant hue to a colour word's", async () => {
    const red = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#d83a34" } })
      .png()
      .toBuffer();
    const [r, , b] = await means(await renderImage(edit("make it blue"), 0, [red]));
    expect(b).toBeGreaterThan(r);
  });

  it("changes a picture at every step of a chain, also for an instruction with none of its words", async () => {
    let picture = await renderImage(scene("a lighthouse at dusk"), 0);
    for (const instruction of ["put a hat on the keeper", "make it snowy", "turn it into a pop art comic"]) {
      const next = await renderImage(edit(instruction), 0, [picture]);
      expect(await meanDiff(picture, next), instruction).toBeGreaterThan(4);
      picture = next;
    }
  });

  it("lays 2 to 4 pictures of a multi edit into one frame", async () => {
    const [red, blue] = await Promise.all(
      ["#ff0000", "#0000ff"].map((background) =>
        sharp({ create: { width: 200, height: 200, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const multi = edit("side by side, vivid", { edit: { kind: "multi", matchInput: true, images: [] } });
    const out = await renderImage(multi, 0, [red, blue]);
    const { width, height } = PIXEL_SIZES["4:3"];
    const [left, right] = await Promise.all(
      [0, width / 2].map((leftEdge) =>
        // stats() reads its own input, so the patch is cut out first.
        sharp(out)
          .extract({ left: leftEdge + 40, top: height / 2 - 20, width: 40, height: 40 })
          .toBuffer()
          .then(means),
      ),
    );
    expect(left[0]).toBeGreaterThan(left[2]);
    expect(right[2]).toBeGreaterThan(right[0]);
  });

  it("reads the words of an instruction into a plan; guidance sets the strength", () => {
    const plan = (prompt: string, guidance = 3.5) => planEdit(prompt, guidance, createRng(1));
    expect(plan("A rainy night in sepia")).toMatchObject({ light: "night", weather: "rain", styles: ["sepia"] });
    expect(plan("make the scarf red").recolor).toEqual({ word: "red", hex: "#d83a34" });
    expect(plan("black and white, please").recolor).toBeUndefined();
    expect(plan("add a small hat").fallbackHue).toBeGreaterThan(0);
    expect(plan("make it foggy").fallbackHue).toBeUndefined();
    expect(plan("fog", 1).strength).toBeLessThan(plan("fog", 10).strength);
  });
});
