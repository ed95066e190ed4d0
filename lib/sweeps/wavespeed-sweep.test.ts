import { describe, expect, it } from "vitest";
import { expectOneSubmitEachWithinLimit, kitForFile, settle, uniqueToken } from "@/testing/wavespeed-test-kit";

/**
 * A 24-cell sweep against an account allowed 3 unfinished tasks: the cells share the
 * tracker's queue and limit, so the upstream never holds more than 3 and never refuses one.
 */
const kit = kitForFile({ concurrencyLimit: 3, defaultDurationMs: 200 });

describe("a 24-cell sweep on WaveSpeed", () => {
  it("fills every cell with exactly one submit each, never more than 3 upstream at once, no 429 reaching a cell", async () => {
    const token = uniqueToken("sweep");
    const { sweeps, service, tracker } = kit().predictions({ maxConcurrency: 3 });
    const { cells } = await sweeps.create({
      base: { prompt: `${token} a harbour`, aspect_ratio: "1:1" },
      x: { field: "seed", random: 6 },
      y: { field: "guidance_scale", values: [2, 3.5, 5, 7] },
      confirmedCostUsd: 0.96,
    });
    expect(cells).toHaveLength(24);
    expect(tracker.inFlight).toBeLessThanOrEqual(3);

    const done = await Promise.all(cells.map((cell) => settle(service, cell.id)));
    expect(done.map((cell) => cell.status)).toEqual(Array(24).fill("completed"));
    expect(done.every((cell) => cell.error === "" && cell.outputs.length === 1)).toBe(true);
    expectOneSubmitEachWithinLimit(kit(), token, 24, 3);
  });
});
