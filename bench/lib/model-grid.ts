import sharp from "sharp";
import { costUsd, entryById, MODEL_NAMES, type ModelName } from "../../lib/domain";
import type { Fake } from "./processes";
import { postJson } from "./processes";
import { summarize } from "./stats";
import { sweepEnded } from "./sweep-grid";

/** Seeds per model: each model's row of the grid. */
const SEEDS = 4;

type Cell = { id: string; status: string; createdAt: string; completedAt: string | null; input: { model: ModelName } };
type Sweep = { id: string; cells: Cell[]; costUsd: number };
type Task = { model: string; createdAt: number; completedAt: number; polls: number };

export type ModelRow = {
  model: ModelName;
  cells: number;
  costUsd: number;
  /** Upstream task length as the fake ran it, and from the cell's submit to its result stored here. */
  taskMs: number;
  latency: ReturnType<typeof summarize>;
  /** Result GETs per task, the most any task took. */
  pollsMax: number;
};

/**
 * One edit of one picture on every model of the family (x: model, y: 4 random seeds): what each
 * model costs, how long its cells take here, and how many result GETs its tasks cost upstream.
 * Each model takes its own time on the fake (its durationFactors: [max] 1.5×, ultra-fast 0.5×).
 */
export async function runModelGrid(
  fake: Fake,
  token: string,
  playground: string,
): Promise<{ rows: ModelRow[]; costUsd: number }> {
  const picture = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#2b6cb0" } })
    .png()
    .toBuffer();
  const priced = MODEL_NAMES.flatMap((model) =>
    Array.from({ length: SEEDS }, () => ({ model, edit: { kind: "edit" as const }, num_images: 1 })),
  );
  const sweep = await postJson<Sweep>(`${playground}/api/sweeps`, {
    base: { prompt: `${token} make it dusk`, image: `data:image/png;base64,${picture.toString("base64")}` },
    x: { field: "model", values: [...MODEL_NAMES] },
    y: { field: "seed", random: SEEDS },
    confirmedCostUsd: costUsd("wavespeed", priced),
  });
  const done = await sweepEnded<Sweep>(playground, sweep.id);
  const tasks = (await fake.tasks(token)) as unknown as Task[];
  const rows = MODEL_NAMES.map((model): ModelRow => {
    const cells = done.cells.filter((cell) => cell.input.model === model && cell.completedAt);
    const own = tasks.filter((task) => entryById(task.model)?.model === model);
    return {
      model,
      cells: cells.length,
      costUsd: costUsd(
        "wavespeed",
        priced.filter((run) => run.model === model),
      ),
      taskMs: Math.max(...own.map((task) => task.completedAt - task.createdAt)),
      latency: summarize(cells.map((cell) => Date.parse(cell.completedAt!) - Date.parse(cell.createdAt))),
      pollsMax: Math.max(...own.map((task) => task.polls)),
    };
  });
  return { rows, costUsd: done.costUsd };
}
