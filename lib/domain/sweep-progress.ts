import { gridShape, SWEEP_CELL_CANCELLED, type SweepAxis } from "./sweep";

/** How far a sweep has come, and what Retry runs again: read from the newest run of each cell. */

export type CellState = {
  x: number;
  y: number;
  status: "created" | "processing" | "completed" | "failed";
  error: string;
  createdAt: string;
};

export type SweepProgress = {
  total: number;
  completed: number;
  failed: number;
  cancelled: number;
  running: number;
  /** Cells with no run at all (never created). */
  missing: number;
  done: boolean;
};

/** The newest run of each cell: a retried cell replaces its failed run. */
export function latestCells<T extends Pick<CellState, "x" | "y" | "createdAt">>(cells: T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const cell of cells) {
    const key = `${cell.x}:${cell.y}`;
    const current = latest.get(key);
    if (!current || cell.createdAt >= current.createdAt) latest.set(key, cell);
  }
  return latest;
}

/** The positions Retry runs again: every cell whose newest run failed (or was cancelled), or that has none. */
export function cellsToRetry(
  sweep: { x: Pick<SweepAxis, "values">; y: Pick<SweepAxis, "values"> | null },
  cells: Array<Pick<CellState, "x" | "y" | "createdAt" | "status">>,
): Array<{ x: number; y: number }> {
  const latest = latestCells(cells);
  const { columns, rows } = gridShape(sweep);
  const again: Array<{ x: number; y: number }> = [];
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const cell = latest.get(`${x}:${y}`);
      if (!cell || cell.status === "failed") again.push({ x, y });
    }
  }
  return again;
}

/** n of m cells, failures and cancellations counted apart. */
export function sweepProgress(cells: CellState[], columns: number, rows: number): SweepProgress {
  const total = columns * rows;
  const latest = [...latestCells(cells.filter((cell) => cell.x < columns && cell.y < rows)).values()];
  const cancelled = latest.filter((cell) => cell.status === "failed" && cell.error === SWEEP_CELL_CANCELLED).length;
  const failed = latest.filter((cell) => cell.status === "failed").length - cancelled;
  const completed = latest.filter((cell) => cell.status === "completed").length;
  const running = latest.length - completed - failed - cancelled;
  return { total, completed, failed, cancelled, running, missing: total - latest.length, done: running === 0 };
}
