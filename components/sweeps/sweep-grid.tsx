"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { latestCells, PIXEL_SIZES } from "@/lib/domain";
import type { PredictionView, SweepView } from "@/lib/playground-api";
import { SweepCell } from "./sweep-cell";

const Lightbox = dynamic(() => import("@/components/gallery/lightbox").then((module) => module.Lightbox), { ssr: false });

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
  // Stays mounted once opened (index null when closed), so the native <dialog> hands focus back on close.
  const [open, setOpen] = useState<{ view: PredictionView; index: number | null } | null>(null);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const latest = latestCells(
    sweep.cells.flatMap((cell) => (cell.sweep ? [{ ...cell.sweep, createdAt: cell.createdAt, view: cell }] : [])),
  );
  const rows = sweep.y?.labels ?? [""];
  const aspectOf = (view?: PredictionView) => {
    const size = PIXEL_SIZES[view?.input.aspect_ratio ?? sweep.base.aspect_ratio];
    const shaped = sweep.x.field === "aspect_ratio" || sweep.y?.field === "aspect_ratio";
    return shaped ? "1 / 1" : `${size.width} / ${size.height}`;
  };
  const reveal = (key: string) => setRevealed((current) => new Set(current).add(key));

  return (
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
                    <SweepCell
                      cell={view}
                      label={label}
                      aspect={aspectOf(view)}
                      eager={y < EAGER_ROWS}
                      priority={y === 0}
                      revealed={view ? revealed.has(view.id) : false}
                      onReveal={() => view && reveal(view.id)}
                      onOpen={() => view && setOpen({ view, index: 0 })}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <Lightbox
          view={sweep.cells.find((cell) => cell.id === open.view.id) ?? open.view}
          index={open.index}
          revealed={new Set(revealed.has(open.view.id) ? open.view.outputs.map((output) => output.index) : [])}
          onIndex={(index) => setOpen({ ...open, index })}
          onReveal={() => reveal(open.view.id)}
          onClose={() => setOpen({ ...open, index: null })}
        />
      )}
    </div>
  );
}
