import { describe, expect, it } from "vitest";
import { serially } from "./serially";

describe("serially", () => {
  it("runs one round at a time; asks during a round share one more round after it", async () => {
    let running = 0;
    let most = 0;
    let rounds = 0;
    const gates: Array<() => void> = [];
    const round = serially(async () => {
      rounds++;
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return rounds;
    });
    const first = round();
    await expect.poll(() => gates.length).toBe(1);
    const asked = [round(), round(), round()];
    gates.shift()!();
    expect(await first).toBe(1);
    await expect.poll(() => gates.length).toBe(1);
    gates.shift()!();
    expect(await Promise.all(asked)).toEqual([2, 2, 2]);
    expect([rounds, most]).toEqual([2, 1]);
  });

  it("goes on after a round that failed", async () => {
    let calls = 0;
    const round = serially(async () => {
      if (++calls === 1) throw new Error("boom");
      return calls;
    });
    await expect(round()).rejects.toThrow("boom");
    expect(await round()).toBe(2);
  });
});
