import { describe, expect, it } from "vitest";
import {
  axisLength,
  cellCount,
  isSweepProblem,
  planSweep,
  promptAlternatives,
  SWEEP_CELL_CANCELLED,
  type SweepBase,
  sweepCostUsd,
} from "./sweep";
import { sweepProgress } from "./sweep-progress";

const base: SweepBase = {
  model: "pro",
  prompt: "a fox",
  aspect_ratio: "1:1",
  num_images: 2,
  seed: null,
  guidance_scale: 3.5,
  safety_tolerance: "2",
};
let next = 100;
const seeds = () => next++;

describe("promptAlternatives", () => {
  it("multiplies every {a|b} group, and labels each prompt by the words chosen", () => {
    expect(promptAlternatives("a {red|blue} fox in {snow|rain|fog}")).toEqual({
      prompts: [
        "a red fox in snow",
        "a red fox in rain",
        "a red fox in fog",
        "a blue fox in snow",
        "a blue fox in rain",
        "a blue fox in fog",
      ],
      labels: ["red · snow", "red · rain", "red · fog", "blue · snow", "blue · rain", "blue · fog"],
    });
    expect(promptAlternatives("a fox {with|} a hat").prompts).toEqual(["a fox with a hat", "a fox a hat"]);
    // Braces without a choice are text.
    expect(promptAlternatives("json {x} here").prompts).toEqual(["json {x} here"]);
  });
});

describe("planSweep", () => {
  it("crosses seeds with guidance, one cell per pair, every other setting from the base", () => {
    const plan = planSweep(
      { ...base, seed: 9 },
      { x: { field: "seed", values: [1, 2, 3] }, y: { field: "guidance_scale", range: { from: 2, to: 3, step: 0.5 } } },
      64,
    );
    if (isSweepProblem(plan)) throw new Error(plan.message);
    expect(plan.x).toEqual({ field: "seed", values: [1, 2, 3], labels: ["1", "2", "3"] });
    expect(plan.y).toEqual({ field: "guidance_scale", values: [2, 2.5, 3], labels: ["2.0", "2.5", "3.0"] });
    expect(plan.cells).toHaveLength(9);
    expect(plan.images).toBe(18);
    expect(plan.cells[0]).toEqual({ x: 0, y: 0, input: { ...base, seed: 1, guidance_scale: 2 } });
    expect(plan.cells[5]).toEqual({ x: 2, y: 1, input: { ...base, seed: 3, guidance_scale: 2.5 } });
  });

  it("shares one random seed across the grid when the seed is not an axis", () => {
    const plan = planSweep(base, { x: { field: "safety_tolerance", values: ["1", "5"] } }, 64, seeds);
    if (isSweepProblem(plan)) throw new Error(plan.message);
    expect(new Set(plan.cells.map((cell) => cell.input.seed)).size).toBe(1);
    expect(plan.base.seed).toBe(plan.cells[0].input.seed);
    expect(plan.y).toBeNull();
  });

  it("draws N distinct random seeds, and sweeps prompt variants from {a|b} groups", () => {
    const plan = planSweep(
      { ...base, prompt: "a {red|blue} fox" },
      { x: { field: "seed", random: 3 }, y: { field: "prompt", alternatives: true } },
      64,
      seeds,
    );
    if (isSweepProblem(plan)) throw new Error(plan.message);
    expect(new Set(plan.x.values).size).toBe(3);
    expect(plan.y).toEqual({ field: "prompt", values: ["a red fox", "a blue fox"], labels: ["red", "blue"] });
    expect(plan.cells.map((cell) => cell.input.prompt)).toEqual([...Array(3).fill("a red fox"), ...Array(3).fill("a blue fox")]);
  });

  it("counts a grid before building it, and refuses one past the cap", () => {
    expect(axisLength({ field: "guidance_scale", range: { from: 1, to: 10, step: 0.001 } }, "")).toBe(9001);
    const plan = planSweep(
      base,
      { x: { field: "guidance_scale", range: { from: 1, to: 10, step: 0.001 } }, y: { field: "seed", random: 5 } },
      64,
    );
    expect(plan).toEqual({ field: "cells", message: "The grid would have 45005 cells; at most 64 are allowed" });
    expect(
      isSweepProblem(
        planSweep(
          base,
          { x: { field: "seed", random: 8 }, y: { field: "guidance_scale", values: [1, 2, 3, 4, 5, 6, 7, 8] } },
          64,
        ),
      ),
    ).toBe(false);
  });

  it("counts an empty axis as one row, so it cannot make the other axis free", () => {
    // An empty y once made the count 0 × n: the x range was built in full before y was found empty.
    const wide = { field: "guidance_scale", range: { from: 1, to: 10, step: 0.0001 } } as const;
    expect(planSweep(base, { x: wide, y: { field: "seed", values: [] } }, 64)).toEqual({
      field: "cells",
      message: "The grid would have 90001 cells; at most 64 are allowed",
    });
    expect(planSweep(base, { x: { field: "seed", values: [] }, y: wide }, 64)).toMatchObject({ field: "cells" });
    // A range too long to count is refused by the cap, not expanded.
    const endless = { field: "guidance_scale", range: { from: 1, to: 1e300, step: 1e-300 } } as const;
    expect(planSweep(base, { x: endless }, 64)).toEqual({
      field: "cells",
      message: "The grid would have uncountably many cells; at most 64 are allowed",
    });
    expect(cellCount([0, 5])).toBe(5);
    expect(cellCount([Number.NaN, 5])).toBe(5);
  });

  it("names the field at fault", () => {
    const problem = (axes: Parameters<typeof planSweep>[1], prompt = "a fox") => {
      const plan = planSweep({ ...base, prompt }, axes, 64, seeds);
      return isSweepProblem(plan) ? plan : undefined;
    };
    expect(problem({ x: { field: "guidance_scale", values: [0.5, 3] } })?.field).toBe("x.guidance_scale");
    expect(problem({ x: { field: "seed", values: [1] }, y: { field: "seed", values: [2] } })?.field).toBe("y.field");
    expect(problem({ x: { field: "aspect_ratio", values: ["5:4"] } })?.field).toBe("x.aspect_ratio");
    expect(problem({ x: { field: "safety_tolerance", values: [] } })?.field).toBe("x");
    expect(problem({ x: { field: "seed", values: [1] } }, "a {red|blue} fox")?.field).toBe("prompt");
    expect(problem({ x: { field: "prompt", alternatives: true } })?.field).toBe("x.prompt");
    expect(problem({ x: { field: "guidance_scale", range: { from: 3, to: 2, step: 1 } } })?.field).toBe("x.guidance_scale");
  });
});

describe("sweepProgress", () => {
  const cell = (x: number, y: number, status: "created" | "completed" | "failed", createdAt = "1", error = "") => ({
    x,
    y,
    status,
    error,
    createdAt,
  });

  it("counts the newest run of each cell, failures and cancellations apart", () => {
    const progress = sweepProgress(
      [
        cell(0, 0, "completed"),
        cell(1, 0, "failed", "1", "boom"),
        cell(1, 0, "completed", "2"),
        cell(0, 1, "failed", "1", "boom"),
        cell(1, 1, "failed", "1", SWEEP_CELL_CANCELLED),
        cell(2, 1, "created"),
      ],
      3,
      2,
    );
    expect(progress).toEqual({ total: 6, completed: 2, failed: 1, cancelled: 1, running: 1, missing: 1, done: false });
    expect(sweepProgress([cell(0, 0, "completed")], 1, 1).done).toBe(true);
  });
});

describe("a sweep over models", () => {
  const image = { sha256: "a".repeat(64), contentType: "image/png" as const, width: 800, height: 600, bytes: 1 };
  const edit = { ...base, edit: { kind: "edit" as const, matchInput: true, images: [image] }, num_images: 1 };

  it("runs each cell on its model, taking what that model takes, and prices each at its own price", () => {
    const plan = planSweep(edit, { x: { field: "model", values: ["pro", "max", "dev"] }, y: null }, 64);
    if (isSweepProblem(plan)) throw new Error(plan.message);
    expect(plan.x.labels).toEqual(["[pro]", "[max]", "[dev]"]);
    expect(plan.cells.map((cell) => cell.input.model)).toEqual(["pro", "max", "dev"]);
    expect(plan.cells[2].input).toMatchObject({ num_inference_steps: 28, edit: { matchInput: true } });
    expect(sweepCostUsd("wavespeed", plan)).toBe(0.145);
    expect(sweepCostUsd("wavespeed", plan, [{ x: 1, y: 0 }])).toBe(0.08);
    expect(sweepCostUsd("local", plan)).toBe(0);
  });

  it("refuses a model that does not serve the base's kind, and [dev] with an axis it does not take", () => {
    const text = planSweep(base, { x: { field: "model", values: ["pro", "dev"] }, y: null }, 64);
    expect(isSweepProblem(text) && text.message).toMatch(/^x model must be one that serves text-to-image/);
    const ratio = planSweep(
      edit,
      { x: { field: "model", values: ["pro", "dev"] }, y: { field: "aspect_ratio", values: ["1:1", "16:9"] } },
      64,
    );
    expect(isSweepProblem(ratio) && ratio.field).toBe("y.aspect_ratio");
  });
});
