import { describe, expect, it } from "vitest";
import {
  ASPECT_RATIOS,
  cellInput,
  type EngineInput,
  inputFileName,
  isSweepProblem,
  maxGuidanceFor,
  modelIdOf,
  nearestAspectRatio,
  PIXEL_SIZES,
  planSweep,
} from "./index";

const image = { sha256: "a".repeat(64), contentType: "image/jpeg" as const, width: 800, height: 600, bytes: 1000 };
const edit: EngineInput = {
  model: "pro",
  prompt: "make it night",
  aspect_ratio: "4:3",
  num_images: 1,
  seed: 7,
  guidance_scale: 3.5,
  safety_tolerance: "2",
  edit: { kind: "edit", matchInput: true, images: [image] },
};

describe("edits in the domain", () => {
  it("picks the nearest of the nine ratios for a picture's shape, each ratio its own nearest", () => {
    for (const ratio of ASPECT_RATIOS) {
      const { width, height } = PIXEL_SIZES[ratio];
      expect(nearestAspectRatio(width, height)).toBe(ratio);
    }
    expect(nearestAspectRatio(4000, 3000)).toBe("4:3");
    expect(nearestAspectRatio(3000, 4000)).toBe("3:4");
    expect(nearestAspectRatio(1920, 1080)).toBe("16:9");
    expect(nearestAspectRatio(5000, 1000)).toBe("21:9");
    expect(nearestAspectRatio(640, 640)).toBe("1:1");
  });

  it("names the model of each kind, and takes guidance up to 20 for edits only", () => {
    expect(modelIdOf({ model: "pro", edit: undefined })).toBe("wavespeed-ai/flux-kontext-pro/text-to-image");
    expect(modelIdOf(edit)).toBe("wavespeed-ai/flux-kontext-pro");
    expect(modelIdOf({ model: "pro", edit: { ...edit.edit!, kind: "multi" } })).toBe("wavespeed-ai/flux-kontext-pro/multi");
    expect(modelIdOf({ model: "max", edit: undefined })).toBe("wavespeed-ai/flux-kontext-max/text-to-image");
    expect(modelIdOf({ model: "dev-ultra-fast", edit: { ...edit.edit!, kind: "multi" } })).toBe(
      "wavespeed-ai/flux-kontext-dev/multi-ultra-fast",
    );
    expect(maxGuidanceFor({ edit: undefined })).toBe(10);
    expect(maxGuidanceFor(edit)).toBe(20);
  });

  it("keeps an input by its hash and type", () => {
    expect(inputFileName(image)).toBe(`${"a".repeat(64)}.jpg`);
    expect(inputFileName({ ...image, contentType: "image/webp" })).toBe(`${"a".repeat(64)}.webp`);
  });

  it("sweeps an edit: every cell the same picture, guidance up to 20, a swept ratio no longer matching the input", () => {
    const plan = planSweep(
      { ...edit, seed: 7 },
      { x: { field: "seed", values: [1, 2] }, y: { field: "guidance_scale", values: [3.5, 15] } },
      64,
    );
    if (isSweepProblem(plan)) throw new Error(plan.message);
    expect(plan.cells.map((cell) => [cell.input.seed, cell.input.guidance_scale])).toEqual([
      [1, 3.5],
      [2, 3.5],
      [1, 15],
      [2, 15],
    ]);
    expect(plan.cells.every((cell) => cell.input.edit?.images[0].sha256 === image.sha256 && cell.input.edit.matchInput)).toBe(
      true,
    );
    expect(plan.images).toBe(4);

    const ratios = planSweep({ ...edit, seed: 7 }, { x: { field: "aspect_ratio", values: ["1:1", "16:9"] } }, 64);
    if (isSweepProblem(ratios)) throw new Error(ratios.message);
    expect(ratios.cells.map((cell) => [cell.input.aspect_ratio, cell.input.edit?.matchInput])).toEqual([
      ["1:1", false],
      ["16:9", false],
    ]);
    expect(cellInput(ratios, 0, 0).edit?.matchInput).toBe(false);

    const { edit: _edit, ...text } = edit;
    const tooMuch = planSweep({ ...text, seed: 7 }, { x: { field: "guidance_scale", values: [15] } }, 64);
    expect(isSweepProblem(tooMuch) && tooMuch.field).toBe("x.guidance_scale");
  });
});
