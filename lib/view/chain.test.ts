import { describe, expect, it } from "vitest";
import type { PredictionView } from "@/lib/playground-api";
import { chainRows, chainsOf, mainLine, treeOf } from "./chain";

const run = (id: string, parentId: string | null, minute: number) =>
  ({
    id,
    createdAt: `2026-12-01T08:${String(minute).padStart(2, "0")}:00.000Z`,
    lineage: parentId ? { parentId, kind: "edit", changes: [] } : null,
  }) as unknown as PredictionView;

describe("chains of a thread", () => {
  it("lay each run after the run it was made from; the longest path is the main line, the rest are forks", () => {
    const views = [run("e2", "e1", 3), run("root", null, 1), run("e1", "root", 2), run("e3", "e2", 4), run("fork", "e1", 5)];
    const [root, ...others] = chainsOf(views);
    expect(others).toEqual([]);
    expect(mainLine(root).map((node) => node.view.id)).toEqual(["root", "e1", "e2", "e3"]);
    expect(root.next[0].next.map((node) => node.view.id)).toEqual(["e2", "fork"]);
  });

  it("start a chain of its own where a step's parent is gone", () => {
    const roots = chainsOf([run("root", null, 1), run("e2", "deleted", 3)]);
    expect(roots.map((node) => node.view.id)).toEqual(["root", "e2"]);
  });
});

describe("the tree of a chain", () => {
  const views = [
    run("root", null, 1),
    run("e1", "root", 2),
    run("e2", "e1", 3),
    run("e3", "e2", 4),
    run("fork2", "e2", 5),
    run("fork1", "e1", 7),
    run("other", null, 8),
  ];

  it("is the same from every step of a chain, and leaves other chains of the thread out", () => {
    const ids = (roots: ReturnType<typeof treeOf>) => chainRows(roots).map((row) => row.steps.map((step) => step.view.id));
    const fromLast = ids(treeOf(views, "e3"));
    for (const step of ["root", "e1", "e2", "fork2", "fork1"]) expect(ids(treeOf(views, step))).toEqual(fromLast);
    expect(fromLast.flat()).not.toContain("other");
    expect(ids(treeOf(views, "other"))).toEqual([["other"]]);
  });

  it("hangs each fork under the step it branches from", () => {
    const rows = chainRows(treeOf(views, "e1"), () => 1);
    expect(rows.map((row) => [row.steps.map((step) => step.view.id), row.column, row.from?.id])).toEqual([
      [["root", "e1", "e2", "e3"], 1, undefined],
      // Each one column right of the step it branches from (e1 in column 2, e2 in column 3).
      [["fork1"], 3, "e1"],
      [["fork2"], 4, "e2"],
    ]);
  });
});
