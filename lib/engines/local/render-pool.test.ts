import { afterAll, describe, expect, it } from "vitest";
import type { EngineInput } from "../../domain";
import { renderImage } from "./render";
import { createRenderPool } from "./render-pool";

const pool = createRenderPool({ threads: 2 });
afterAll(() => pool.close());

const input: EngineInput = {
  model: "pro",
  prompt: "a lighthouse on a cliff at dawn",
  aspect_ratio: "16:9",
  num_images: 2,
  seed: 42,
  guidance_scale: 3.5,
  safety_tolerance: "2",
};

describe("the render pool", () => {
  it("renders on its worker threads exactly what rendering in this thread would", async () => {
    const pooled = await Promise.all([0, 1].map((index) => pool.render(input, index)));
    const here = await Promise.all([0, 1].map((index) => renderImage(input, index)));
    expect(Buffer.isBuffer(pooled[0])).toBe(true);
    expect(pooled.map((bytes, index) => bytes.equals(here[index]))).toEqual([true, true]);
    expect(pool.threads).toBe(2);
  });

  it("renders an edit of the pictures it is given, as this thread would", async () => {
    const source = await renderImage({ ...input, num_images: 1 }, 0);
    const edit: EngineInput = {
      ...input,
      prompt: "make it night",
      num_images: 1,
      edit: { kind: "edit", matchInput: true, images: [] },
    };
    const [pooled, here] = await Promise.all([pool.render(edit, 0, [source]), renderImage(edit, 0, [source])]);
    expect(pooled.equals(here)).toBe(true);
    expect(pooled.equals(source)).toBe(false);
  });
});
