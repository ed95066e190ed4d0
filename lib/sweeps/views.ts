import { sweepCostUsd } from "../domain";
import type { SweepView } from "../playground-api";
import { inputView, sweepPath, toView } from "../predictions/wire/views";
import type { SweepState } from "./sweep-service";

export const gridPath = (id: string) => `/api/sweeps/${encodeURIComponent(id)}/grid.png`;

/** A sweep as its page and `GET /api/sweeps/{id}` show it. */
export function toSweepView({ sweep, cells }: SweepState, baseUrl: string): SweepView {
  return {
    id: sweep.id,
    engine: sweep.engine,
    base: inputView(sweep.base, baseUrl),
    x: sweep.x,
    y: sweep.y,
    parentId: sweep.parentId,
    createdAt: sweep.createdAt,
    cancelledAt: sweep.cancelledAt,
    cells: cells.map((cell) => toView(cell, baseUrl)),
    costUsd: sweepCostUsd(sweep.engine, sweep),
    pageUrl: baseUrl + sweepPath(sweep.id),
    gridUrl: baseUrl + gridPath(sweep.id),
  };
}
