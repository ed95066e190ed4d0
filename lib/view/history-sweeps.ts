import { type PredictionStatus, SWEEP_FIELDS, type SweepField, type SweepProgress, sweepProgress } from "@/lib/domain";
import type { PredictionView, SweepEntryCell, SweepEntryView } from "@/lib/playground-api";

type Cell = Pick<PredictionView, "id" | "status" | "error" | "createdAt" | "updatedAt" | "outputs"> & {
  sweep: NonNullable<PredictionView["sweep"]>;
};

const RANK: Record<PredictionStatus, number> = { created: 0, processing: 1, completed: 2, failed: 2 };

function cellOf(view: Cell): SweepEntryCell {
  const first = view.outputs[0];
  return {
    id: view.id,
    x: view.sweep.x,
    y: view.sweep.y,
    status: view.status,
    error: view.error,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    thumbUrl: first?.thumbUrl ?? null,
    width: first?.width ?? 0,
    nsfw: first?.nsfw ?? false,
  };
}

/**
 * Whether `incoming` should stand for its position instead of `current`: a later run of the position
 * (a retry) does; a view of the same run does when it has moved on, never back.
 */
function replaces(current: SweepEntryCell | undefined, incoming: SweepEntryCell): boolean {
  if (!current) return true;
  if (current.id !== incoming.id) return incoming.createdAt >= current.createdAt;
  if (RANK[incoming.status] !== RANK[current.status]) return RANK[incoming.status] > RANK[current.status];
  return incoming.updatedAt >= current.updatedAt;
}

/** The parameters that differ between neighbours across (x) and down (y). */
function sweptFields(cells: SweepEntryCell[], inputs: Map<string, PredictionView["input"]>): SweepField[] {
  const differs = (a: SweepEntryCell, b: SweepEntryCell) =>
    SWEEP_FIELDS.filter((field) => inputs.get(a.id)?.[field] !== inputs.get(b.id)?.[field]);
  const across = cells.find((cell) => cell.x > 0);
  const down = cells.find((cell) => cell.y > 0);
  const start = (match: (cell: SweepEntryCell) => boolean) => cells.find(match);
  const x = across && start((cell) => cell.x === 0 && cell.y === across.y);
  const y = down && start((cell) => cell.y === 0 && cell.x === down.x);
  return [...new Set([...(x && across ? differs(x, across) : []), ...(y && down ? differs(y, down) : [])])];
}

/** A sweep as one history entry, from every run of it (retried cells included): the newest run of each position. */
export function sweepEntryOf(id: string, pageUrl: string, runs: PredictionView[]): SweepEntryView {
  const latest = new Map<string, SweepEntryCell>();
  const inputs = new Map<string, PredictionView["input"]>();
  for (const run of runs) {
    if (!run.sweep) continue;
    const cell = cellOf({ ...run, sweep: run.sweep });
    const key = `${cell.x}:${cell.y}`;
    if (replaces(latest.get(key), cell)) latest.set(key, cell);
    inputs.set(run.id, run.input);
  }
  const cells = [...latest.values()].sort((a, b) => a.y - b.y || a.x - b.x);
  const origin = cells[0] && runs.find((run) => run.id === cells[0]!.id);
  return {
    id,
    pageUrl,
    prompt: origin?.input.prompt ?? runs[0]?.input.prompt ?? "",
    columns: Math.max(0, ...cells.map((cell) => cell.x)) + 1,
    rows: Math.max(0, ...cells.map((cell) => cell.y)) + 1,
    axes: sweptFields(cells, inputs),
    cells,
    source: origin?.source ?? runs[0]?.source ?? null,
  };
}

/** A run pushed by the event stream folded into its sweep's entry; the entry itself when nothing changes. */
export function withSweepCell(entry: SweepEntryView, view: PredictionView): SweepEntryView {
  if (view.sweep?.id !== entry.id) return entry;
  const incoming = cellOf({ ...view, sweep: view.sweep });
  const at = entry.cells.findIndex((cell) => cell.x === incoming.x && cell.y === incoming.y);
  if (!replaces(entry.cells[at], incoming)) return entry;
  const cells = at < 0 ? [...entry.cells, incoming] : entry.cells.map((cell, index) => (index === at ? incoming : cell));
  return {
    ...entry,
    cells,
    columns: Math.max(entry.columns, incoming.x + 1),
    rows: Math.max(entry.rows, incoming.y + 1),
  };
}

/** n of m done, by the domain's rule. */
export const entryProgress = (entry: SweepEntryView): SweepProgress => sweepProgress(entry.cells, entry.columns, entry.rows);
