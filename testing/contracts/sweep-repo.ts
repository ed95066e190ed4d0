import { afterEach, describe, expect, it } from "vitest";
import type { SweepRepo } from "@/lib/db/sweep-repo";
import type { SweepRecord } from "@/lib/domain";

export const sampleSweep = (id: string, overrides: Partial<SweepRecord> = {}): SweepRecord => ({
  id,
  engine: "local",
  base: {
    model: "pro",
    prompt: "a {red|blue} fox",
    aspect_ratio: "1:1",
    num_images: 1,
    seed: 7,
    guidance_scale: 3.5,
    safety_tolerance: "2",
  },
  x: { field: "seed", values: [1, 2, 3], labels: ["1", "2", "3"] },
  y: { field: "guidance_scale", values: [2, 5], labels: ["2.0", "5.0"] },
  parentId: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  cancelledAt: null,
  ...overrides,
});

/** What every SweepRepo must do; `open` gives a fresh, empty one and how to close it. */
export function describeSweepRepoContract(name: string, open: () => Promise<{ repo: SweepRepo; close: () => Promise<void> }>) {
  describe(`SweepRepo contract: ${name}`, () => {
    const closers: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const close of closers.splice(0)) await close();
    });
    const fresh = async () => {
      const { repo, close } = await open();
      closers.push(close);
      return repo;
    };

    it("gives back a sweep exactly as created, axes and base included", async () => {
      const repo = await fresh();
      const sweep = sampleSweep("s1", { y: null, parentId: "p1" });
      expect(await repo.create(sweep)).toEqual(sweep);
      expect(await repo.get("s1")).toEqual(sweep);
      expect(await repo.get("missing")).toBeUndefined();
    });

    it("records a cancel and clears it, and says which ids exist", async () => {
      const repo = await fresh();
      await repo.create(sampleSweep("s1"));
      expect(await repo.setCancelled("s1", "2026-01-01T00:01:00.000Z")).toBe(true);
      expect((await repo.get("s1"))?.cancelledAt).toBe("2026-01-01T00:01:00.000Z");
      expect(await repo.setCancelled("s1", null)).toBe(true);
      expect((await repo.get("s1"))?.cancelledAt).toBeNull();
      expect(await repo.setCancelled("missing", null)).toBe(false);
      expect([...(await repo.existingIds(["s1", "s2"]))]).toEqual(["s1"]);
    });
  });
}
