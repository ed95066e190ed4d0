import { peakUnfinished } from "../../testing/upstream-peak";
import type { Fake } from "./processes";
import { getJson, postJson } from "./processes";
import { waitFor } from "./scenario";

/** The 64-cell grid both sweep benchmarks run: 8 seeds × 8 guidance values, `taskMs` per task upstream. */
export const GRID_CELLS = 64;

type Cell = { id: string; status: string; createdAt: string; completedAt: string | null };
type Sweep = { id: string; cells: Cell[] };
type Task = { createdAt: number; completedAt: number; status: string };

/** The sweep once every cell has ended, read from `playground`. */
export const sweepEnded = <T extends { cells: Array<{ status: string }> }>(playground: string, id: string) =>
  waitFor(
    `sweep ${id} to end`,
    async () => {
      const now = await getJson<T>(`${playground}/api/sweeps/${id}`);
      return now.cells.every((cell) => cell.status === "completed" || cell.status === "failed") ? now : undefined;
    },
    120_000,
    50,
  );

/**
 * Starts the grid on `startOn` (with `token` in its prompt), waits on `readOn` until every cell has
 * ended, and measures it: from the POST to the last cell's `completedAt` as stored; the upstream's
 * busy time, peak of tasks at once, and submits, from the fake's own records.
 */
export async function runGrid(fake: Fake, token: string, taskMs: number, startOn: string, readOn = startOn) {
  const started = Date.now();
  const sweep = await postJson<Sweep>(`${startOn}/api/sweeps`, {
    base: { prompt: `${token} a lighthouse [duration:${taskMs}]`, aspect_ratio: "1:1" },
    x: { field: "seed", random: 8 },
    y: { field: "guidance_scale", values: [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5] },
    confirmedCostUsd: 2.56,
  });
  const done = await sweepEnded<Sweep>(readOn, sweep.id);
  const fullGridMs = Math.max(...done.cells.map((cell) => Date.parse(cell.completedAt!))) - started;
  const tasks = (await fake.tasks(token)) as unknown as Task[];
  return {
    sweepId: sweep.id,
    fullGridMs,
    upstreamMs: Math.max(...tasks.map((t) => t.completedAt)) - Math.min(...tasks.map((t) => t.createdAt)),
    peak: peakUnfinished(tasks),
    submits: (await fake.requests({ prompt: token, method: "POST" })).length,
    failed: done.cells.filter((cell) => cell.status !== "completed").length,
  };
}
