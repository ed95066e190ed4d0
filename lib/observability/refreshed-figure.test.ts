import { describe, expect, it } from "vitest";
import { RefreshedFigure } from "./refreshed-figure";

describe("a figure refreshed in the background", () => {
  it("answers the last value read, and reads again once after a burst of changes", async () => {
    let reads = 0;
    let spent = 10;
    const figure = new RefreshedFigure(
      async () => {
        reads++;
        return spent;
      },
      { minGapMs: 5, everyMs: 60_000 },
    );
    expect(await figure.value()).toBe(10);
    spent = 7;
    // A scrape reads the number it has: no query.
    expect(await figure.value()).toBe(10);
    expect(reads).toBe(1);
    for (let i = 0; i < 20; i++) figure.changed();
    await expect.poll(() => figure.value()).toBe(7);
    expect(reads).toBe(2);
  });

  it("reads at start, and again on its own schedule", async () => {
    let reads = 0;
    const figure = new RefreshedFigure(async () => ++reads, { minGapMs: 5, everyMs: 10 });
    figure.start();
    await expect.poll(() => reads).toBeGreaterThanOrEqual(3);
    figure.stop();
  });
});
