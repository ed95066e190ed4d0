import "server-only";
import type { EngineInput, EngineName, SweepAxis, SweepRecord } from "../domain";

export type SweepRow = {
  id: string;
  engine: EngineName;
  base: string;
  axis_x: string;
  axis_y: string | null;
  parent_id: string | null;
  created_at: string;
  cancelled_at: string | null;
};

export const INSERT_SWEEP = `INSERT INTO sweeps (id, engine, base, axis_x, axis_y, parent_id, created_at, cancelled_at)
  VALUES (@id, @engine, @base, @axis_x, @axis_y, @parent_id, @created_at, @cancelled_at)`;

export const sweepParams = (sweep: SweepRecord) => ({
  id: sweep.id,
  engine: sweep.engine,
  base: JSON.stringify(sweep.base),
  axis_x: JSON.stringify(sweep.x),
  axis_y: sweep.y ? JSON.stringify(sweep.y) : null,
  parent_id: sweep.parentId,
  created_at: sweep.createdAt,
  cancelled_at: sweep.cancelledAt,
});

export const toSweep = (row: SweepRow): SweepRecord => ({
  id: row.id,
  engine: row.engine,
  base: JSON.parse(row.base) as EngineInput,
  x: JSON.parse(row.axis_x) as SweepAxis,
  y: row.axis_y ? (JSON.parse(row.axis_y) as SweepAxis) : null,
  parentId: row.parent_id,
  createdAt: row.created_at,
  cancelledAt: row.cancelled_at,
});
