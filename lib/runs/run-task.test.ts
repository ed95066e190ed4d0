import { describe, expect, it } from "vitest";
import { RunTask } from "./run-task";

describe("a run's task", () => {
  it("holds its place from waiting to upstream, and gives it back once, as it leaves", () => {
    const freed: string[] = [];
    const task = new RunTask("r1", "waiting", (id) => freed.push(id));
    for (const status of ["submitting", "waiting", "submitting", "upstream"] as const) {
      expect(task.move(status)).toBe(true);
      expect(task.holdsPlace).toBe(true);
    }
    expect(task.move("finishing")).toBe(true);
    expect([task.holdsPlace, freed]).toEqual([false, ["r1"]]);
    task.end();
    expect([task.status, freed]).toEqual(["done", ["r1"]]);
  });

  it("once stopped, refuses every further move, so whatever works on it stops too", () => {
    const freed: string[] = [];
    const task = new RunTask("r2", "waiting", (id) => freed.push(id));
    task.end();
    expect(freed).toEqual(["r2"]);
    expect(task.move("submitting")).toBe(false);
    expect(task.move("upstream")).toBe(false);
    expect(task.isDone).toBe(true);
  });

  it("moves only forward: never from upstream back to waiting, never to finishing before the upstream", () => {
    const task = new RunTask("r3", "upstream", () => {});
    expect(task.move("waiting")).toBe(false);
    expect(task.move("submitting")).toBe(false);
    expect(new RunTask("r4", "waiting", () => {}).move("finishing")).toBe(false);
  });
});
