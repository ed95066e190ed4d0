import { describe, expect, it } from "vitest";
import type { PredictionView } from "@/lib/playground-api";
import { chainsOf, mainLine } from "./chain";

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
