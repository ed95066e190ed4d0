import { describe, expect, it } from "vitest";
import { expectedDurationMs } from "./expected-duration";

const run = (inferenceMs: number, extra: Partial<{ status: string; engine: string; images: number }> = {}) => ({
  status: extra.status ?? "completed",
  engine: extra.engine ?? "wavespeed",
  inferenceMs,
  input: { num_images: extra.images ?? 1 },
});

describe("expectedDurationMs", () => {
  it("is the median of finished runs of the same engine and image count", () => {
    const runs = [run(4000), run(6000), run(5000), run(9000), run(100, { engine: "local" }), run(1, { images: 4 })];
    expect(expectedDurationMs(runs, "wavespeed", 1)).toBe(5500);
  });

  it("says nothing while there are fewer than three to go by", () => {
    expect(expectedDurationMs([run(4000), run(5000), run(7000, { status: "failed" })], "wavespeed", 1)).toBeUndefined();
  });
});
