import { describe, expect, it } from "vitest";
import { makeView } from "@/testing/views";
import { compareRows, parseCompareRefs, promptDiff } from "./compare";

const output = (index: number, width = 1024, height = 1024) => ({
  index,
  url: `u${index}`,
  thumbUrl: `t${index}`,
  width,
  height,
  contentType: "image/jpeg",
  nsfw: false,
  starred: false,
});

describe("compare", () => {
  it("reads up to four id.index pairs, dropping repeats and anything malformed", () => {
    expect(parseCompareRefs(["abc.0", "abc.1", "abc.0", "../x.0", "def", "def.12", "g h.0", "e.3", "f.0", "k.1"])).toEqual([
      { id: "abc", index: 0 },
      { id: "abc", index: 1 },
      { id: "e", index: 3 },
      { id: "f", index: 0 },
    ]);
  });

  it("diffs prompts word by word against the first", () => {
    expect(promptDiff("a red fox in the snow", "a blue fox in snow").map(({ text, kind }) => ({ text, kind }))).toEqual([
      { text: "a ", kind: "same" },
      { text: "red", kind: "removed" },
      { text: "blue", kind: "added" },
      { text: " fox in ", kind: "same" },
      { text: "the ", kind: "removed" },
      { text: "snow", kind: "same" },
    ]);
  });

  it("lists every parameter and flags the rows that differ", () => {
    const a = makeView({ id: "a", input: { prompt: "a fox", seed: 1 }, outputs: [output(0)] });
    const b = makeView({ id: "b", input: { prompt: "a fox", seed: 2 }, outputs: [output(0)] });
    const c = makeView({ id: "c", input: { prompt: "a wolf", seed: 1, guidance_scale: 5 }, outputs: [output(0)] });
    const rows = compareRows([a, b, c].map((view) => ({ view, output: view.outputs[0] })));
    const differing = rows.filter((row) => row.differs).map((row) => row.key);
    expect(differing).toEqual(["prompt", "seed", "guidance_scale"]);
    expect(rows.find((row) => row.key === "seed")?.values).toEqual(["1", "2", "1"]);
    expect(rows.map((row) => row.key)).toContain("aspect_ratio");
    // When and how fast a run was made is shown, but is no difference in the recipe.
    expect(rows.find((row) => row.key === "created")).toMatchObject({ differs: false });
  });

  it("has a model row, first: the same prompt on [pro] and [max] differs in the model", () => {
    const pro = makeView({ id: "a", input: { prompt: "a fox" }, outputs: [output(0)] });
    const max = makeView({ id: "b", input: { prompt: "a fox", model: "max" }, outputs: [output(0)] });
    const rows = compareRows([pro, max].map((view) => ({ view, output: view.outputs[0] })));
    expect(rows[0]).toEqual({
      key: "model",
      label: "Model",
      values: ["FLUX.1 Kontext [pro]", "FLUX.1 Kontext [max]"],
      differs: true,
    });
    expect(rows.find((row) => row.key === "engine")?.values).toEqual([
      "Local preview for FLUX.1 Kontext [pro] (m)",
      "Local preview for FLUX.1 Kontext [max] (m)",
    ]);
  });
});
