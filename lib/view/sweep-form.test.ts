import { describe, expect, it } from "vitest";
import { axisSpecOf, draftFor, EMPTY_AXIS } from "./sweep-form";

describe("the sweep form's axes", () => {
  it("reads each way of giving values", () => {
    expect(axisSpecOf({ ...draftFor("seed"), count: "3" }, "x")).toEqual({ field: "seed", random: 3 });
    expect(axisSpecOf({ ...draftFor("seed"), mode: "list", list: "1, 2;3 4" }, "x")).toEqual({
      field: "seed",
      values: [1, 2, 3, 4],
    });
    expect(axisSpecOf({ ...draftFor("guidance_scale"), mode: "range", from: "2", to: "4", step: "0.5" }, "y")).toEqual({
      field: "guidance_scale",
      range: { from: 2, to: 4, step: 0.5 },
    });
    expect(axisSpecOf({ ...draftFor("aspect_ratio"), picks: ["1:1", "21:9"] }, "x")).toEqual({
      field: "aspect_ratio",
      values: ["21:9", "1:1"],
    });
    expect(axisSpecOf({ ...draftFor("prompt"), mode: "list", list: "a fox\n\n a wolf " }, "x")).toEqual({
      field: "prompt",
      values: ["a fox", "a wolf"],
    });
    expect(axisSpecOf(draftFor("prompt"), "x")).toEqual({ field: "prompt", alternatives: true });
    expect(axisSpecOf(EMPTY_AXIS, "y")).toBeNull();
  });

  it("says which text it cannot read", () => {
    expect(axisSpecOf({ ...draftFor("guidance_scale"), list: "2, three" }, "y")).toEqual({ error: 'y: "three" is not a number' });
    expect(axisSpecOf({ ...draftFor("seed"), count: "" }, "x")).toEqual({ error: "x: give how many random seeds" });
  });
});
