import { describe, expect, it } from "vitest";
import type { PredictionView } from "@/lib/playground-api";
import { makeView } from "@/testing/views";
import { entryProgress, sweepEntryOf, withSweepCell } from "./history-sweeps";

const output = (id: string): PredictionView["outputs"][number] => ({
  index: 0,
  url: `http://x/api/images/${id}/0.png`,
  thumbUrl: `http://x/api/thumbs/${id}/0.webp`,
  width: 64,
  height: 64,
  contentType: "image/png",
  nsfw: false,
  starred: false,
});

/** A 2 × 2 sweep of seed across and guidance down. */
const cell = (x: number, y: number, overrides: Partial<PredictionView> = {}) =>
  makeView({
    id: `c${x}${y}`,
    sweep: { id: "s", x, y },
    input: { prompt: "a fox", seed: 10 + x, guidance_scale: 2 + y },
    outputs: [output(`c${x}${y}`)],
    createdAt: "2025-01-01T00:00:01.000Z",
    ...overrides,
  });

describe("a sweep as one history entry", () => {
  it("sums the grid up: its shape, what it sweeps, each position's image, and its progress", () => {
    const entry = sweepEntryOf("s", "http://x/s/s", [
      cell(0, 0),
      cell(1, 0),
      cell(0, 1, { status: "failed", outputs: [], error: "boom" }),
      cell(1, 1, { status: "processing", outputs: [] }),
    ]);
    expect(entry).toMatchObject({ id: "s", pageUrl: "http://x/s/s", prompt: "a fox", columns: 2, rows: 2 });
    expect(entry.axes).toEqual(["seed", "guidance_scale"]);
    expect(entry.cells.map((one) => [one.id, one.thumbUrl])).toEqual([
      ["c00", "http://x/api/thumbs/c00/0.webp"],
      ["c10", "http://x/api/thumbs/c10/0.webp"],
      ["c01", null],
      ["c11", null],
    ]);
    expect(entryProgress(entry)).toMatchObject({ total: 4, completed: 2, failed: 1, running: 1, done: false });
  });

  it("keeps the newest run of a retried position, and never moves a run back", () => {
    const failed = cell(0, 0, { status: "failed", outputs: [], error: "boom" });
    const retried = cell(0, 0, { id: "retry", status: "created", outputs: [], createdAt: "2025-01-01T00:00:09.000Z" });
    const entry = sweepEntryOf("s", "u", [retried, failed, cell(1, 0)]);
    expect(entry.cells.map((one) => one.id)).toEqual(["retry", "c10"]);

    const done = withSweepCell(entry, { ...retried, status: "completed", outputs: [output("retry")] });
    expect(done.cells[0]).toMatchObject({ id: "retry", status: "completed" });
    expect(entryProgress(done)).toMatchObject({ completed: 2, done: true });
    // A late answer of the same run, and the old failed run, change nothing.
    expect(withSweepCell(done, retried)).toBe(done);
    expect(withSweepCell(done, failed)).toBe(done);
    // A run of another sweep is not this entry's.
    expect(withSweepCell(done, { ...retried, sweep: { id: "other", x: 0, y: 0 } })).toBe(done);
  });

  it("says who asked for it as its cells do: an assistant over MCP, or nobody in particular", () => {
    const mcp = { kind: "mcp" as const, client: "Claude Desktop" };
    expect(sweepEntryOf("s", "u", [cell(0, 0, { source: mcp }), cell(1, 0, { source: mcp })]).source).toEqual(mcp);
    expect(sweepEntryOf("s", "u", [cell(0, 0)]).source).toBeNull();
  });

  it("grows with cells it had not seen", () => {
    const entry = sweepEntryOf("s", "u", [cell(0, 0)]);
    expect(entry).toMatchObject({ columns: 1, rows: 1, axes: [] });
    expect(withSweepCell(entry, cell(2, 0))).toMatchObject({ columns: 3, rows: 1 });
  });
});
