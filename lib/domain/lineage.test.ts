import { describe, expect, it } from "vitest";
import { describeLineage, inputChanges, threadFor } from "./lineage";
import type { EngineInput } from "./parameters";

const input: EngineInput = {
  model: "pro",
  prompt: "a fox",
  aspect_ratio: "1:1",
  num_images: 1,
  seed: 1848,
  guidance_scale: 3.5,
  safety_tolerance: "2",
};

describe("lineage", () => {
  it("lists every parameter that changed, in the form's order", () => {
    expect(inputChanges(input, input)).toEqual([]);
    expect(inputChanges(input, { ...input, seed: 2022, guidance_scale: 5, prompt: "a wolf" })).toEqual([
      { field: "prompt", from: "a fox", to: "a wolf" },
      { field: "seed", from: 1848, to: 2022 },
      { field: "guidance_scale", from: 3.5, to: 5 },
    ]);
  });

  it("names a change of model, and a field only one of two models takes is no change of its own", () => {
    const max = { ...input, model: "max" as const };
    expect(inputChanges(input, max)).toEqual([{ field: "model", from: "pro", to: "max" }]);
    expect(describeLineage({ parentId: "3f2a9c0e11", kind: "tweak", changes: inputChanges(input, max) })).toBe(
      "tweak of #3f2a · model pro → max",
    );
    const dev = { ...input, model: "dev" as const, size: "768*1024", num_inference_steps: 28 };
    expect(inputChanges(input, dev)).toEqual([{ field: "model", from: "pro", to: "dev" }]);
    expect(inputChanges(dev, { ...dev, num_inference_steps: 12 })).toEqual([{ field: "num_inference_steps", from: 28, to: 12 }]);
  });

  it("describes a run's origin as a chip reads it", () => {
    const parentId = "3f2a9c0e11";
    expect(describeLineage({ parentId, kind: "vary_seed", changes: [{ field: "seed", from: 1848, to: 2022 }] })).toBe(
      "vary seed of #3f2a · seed 1848 → 2022",
    );
    expect(describeLineage({ parentId, kind: "rerun", changes: [] })).toBe("re-run of #3f2a");
    expect(
      describeLineage({
        parentId,
        kind: "settings",
        changes: [
          { field: "prompt", from: "a fox", to: "a wolf" },
          { field: "aspect_ratio", from: "1:1", to: "16:9" },
        ],
      }),
    ).toBe("settings of #3f2a · prompt changed · aspect ratio 1:1 → 16:9");
    expect(
      describeLineage({ parentId: null, kind: "sweep_cell", changes: [{ field: "guidance_scale", from: 3.5, to: 5 }] }),
    ).toBe("sweep cell · guidance 3.5 → 5");
  });

  it("puts a run in its parent's thread, else its sweep's, else its own", () => {
    expect(threadFor({ id: "c", parentId: "b", parentThreadId: "a" })).toBe("a");
    // A parent deleted before the child was made: the thread is named after it.
    expect(threadFor({ id: "c", parentId: "b" })).toBe("b");
    expect(threadFor({ id: "c", parentId: null, sweepId: "s" })).toBe("s");
    expect(threadFor({ id: "c", parentId: null })).toBe("c");
  });
});
