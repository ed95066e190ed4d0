"use client";

import { RunSequence } from "@/components/gallery/lightbox-context";
import { latestCells, PIXEL_SIZES } from "@/lib/domain";
import type { PredictionView, SweepView } from "@/lib/playground-api";
import { SweepCell } from "./sweep-cell";

const FIELD_NAMES: Record<SweepView["x"]["field"], string> = {
  seed: "Seed",
  guidance_scale: "Guidance scale",
  safety_tolerance: "Safety tolerance",
  aspect_ratio: "Aspect ratio",
  prompt: "Prompt",
};

/** Rows that are on screen at once on a laptop: their thumbnails load with the page. */
const EAGER_ROWS = 3;

/** The labelled X/Y grid: axis values as headers, one cell per combination, the newest run of each. */
export function SweepGrid({ sweep }: { sweep: SweepView }) {
  const latest = latestCells(
    sweep.cells.flatMap((cell) => (cell.sweep ? [{ ...cell.sweep, createdAt: cell.createdAt, view: cell }] : [])),
  );
  // The lightbox steps through the cells row by row, as the grid reads.
  const order = [...latest.values()].sort((a, b) => a.y - b.y || a.x - b.x).map((cell) => cell.view.id);
  const rows = sweep.y?.labels ?? [""];
  const aspectOf = (view?: PredictionView) => {
    const size = PIXEL_SIZES[view?.input.aspect_ratio ?? sweep.base.aspect_ratio];
    const shaped = sweep.x.field === "aspect_ratio" || sweep.y?.field === "aspect_ratio";
    return shaped ? "1 / 1" : `${size.width} / ${size.height}`;
  };

  return (
    <RunSequence ids={order}>
      <div className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-1.5" data-testid="sweep-grid">
          <caption className="sr-only">
            {FIELD_NAMES[sweep.x.field]} across{sweep.y ? `, ${FIELD_NAMES[sweep.y.field]} down` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="text-left align-bottom text-xs font-medium text-fg-muted">
                {sweep.y ? `${FIELD_NAMES[sweep.y.field]} ↓ · ` : ""}
                {FIELD_NAMES[sweep.x.field]} →
              </th>
              {sweep.x.labels.map((label, x) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: axis values are fixed for the life of a sweep
                <th key={x} scope="col" className="px-1 text-center text-xs font-medium break-words" data-testid="sweep-x-label">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((rowLabel, y) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <tr key={y}>
                <th scope="row" className="max-w-40 pr-2 text-left text-xs font-medium break-words" data-testid="sweep-y-label">
                  {rowLabel}
                </th>
                {sweep.x.labels.map((columnLabel, x) => {
                  const view = latest.get(`${x}:${y}`)?.view;
                  const label = [columnLabel, rowLabel].filter(Boolean).join(" · ");
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: as above
                    <td key={x} className="min-w-24 p-0 align-top">
                      <SweepCell cell={view} label={label} aspect={aspectOf(view)} eager={y < EAGER_ROWS} priority={y === 0} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </RunSequence>
  );
}
