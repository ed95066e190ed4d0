"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { RunSequence } from "@/components/gallery/lightbox-context";
import { latestCells, PIXEL_SIZES } from "@/lib/domain";
import type { SweepView } from "@/lib/playground-api";
import { SweepCell } from "./sweep-cell";
import { type CellSize, CellSizeControl, DEFAULT_ROOM, gridWidth } from "./sweep-size";

const FIELD_NAMES: Record<SweepView["x"]["field"], string> = {
  model: "Model",
  seed: "Seed",
  guidance_scale: "Guidance scale",
  safety_tolerance: "Safety tolerance",
  aspect_ratio: "Aspect ratio",
  prompt: "Prompt",
};

/** Rows that are on screen at once on a laptop at the larger sizes: their thumbnails load with the page. */
const EAGER_ROWS = 3;

/**
 * The labelled X/Y grid: axis values as headers, one cell per combination, the newest run of each.
 * A fixed layout: the label column and every cell keep their size from the first cell to the last,
 * whatever has finished. Its size is the viewer's: fit to the screen (the whole grid at once), or
 * small, medium or large cells.
 */
export function SweepGrid({ sweep }: { sweep: SweepView }) {
  const [size, setSize] = useState<CellSize>("fit");
  const [room, setRoom] = useState(DEFAULT_ROOM);
  const frame = useRef<HTMLDivElement>(null);
  // Fit: the rows share the screen's height below where the grid starts (and its header row), measured, not guessed.
  useLayoutEffect(() => {
    const measure = () => {
      const element = frame.current;
      if (!element) return;
      const top = element.getBoundingClientRect().top + window.scrollY;
      const header = element.querySelector("thead")?.getBoundingClientRect().height ?? 0;
      setRoom(`${Math.max(160, window.innerHeight - top - header - 24)}px`);
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  const latest = latestCells(
    sweep.cells.flatMap((cell) => (cell.sweep ? [{ ...cell.sweep, createdAt: cell.createdAt, view: cell }] : [])),
  );
  // The lightbox steps through the cells row by row, as the grid reads.
  const order = [...latest.values()].sort((a, b) => a.y - b.y || a.x - b.x).map((cell) => cell.view.id);
  const rows = sweep.y?.labels ?? [""];
  const columns = sweep.x.labels.length;
  // Every cell has one shape, so the grid never moves as cells finish: a swept aspect ratio is shown square.
  const shaped = sweep.x.field === "aspect_ratio" || sweep.y?.field === "aspect_ratio";
  const base = PIXEL_SIZES[sweep.base.aspect_ratio];
  const ratio = shaped ? 1 : base.width / base.height;
  const labelWidth = sweep.y ? (sweep.y.field === "prompt" ? "10rem" : "5rem") : "0rem";
  const eagerRows = size === "fit" ? rows.length : EAGER_ROWS;

  return (
    <RunSequence ids={order}>
      <div className="flex flex-col gap-2">
        <CellSizeControl size={size} onSize={setSize} />
        <div className="overflow-x-auto" data-testid="sweep-grid-frame" ref={frame}>
          <table
            className="table-fixed border-separate border-spacing-1.5"
            style={{ width: gridWidth({ size, columns, rows: rows.length, ratio, labelWidth, room }) }}
            data-testid="sweep-grid"
            data-size={size}
          >
            <caption className="sr-only">
              {FIELD_NAMES[sweep.x.field]} across{sweep.y ? `, ${FIELD_NAMES[sweep.y.field]} down` : ""}
            </caption>
            <colgroup>
              <col style={{ width: `calc(${labelWidth} + 0.375rem)` }} />
              {sweep.x.labels.map((label, x) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: axis values are fixed for the life of a sweep
                <col key={x} data-label={label} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th
                  scope="col"
                  className="overflow-hidden text-left align-bottom text-xs leading-tight font-medium text-fg-muted"
                >
                  {sweep.y ? `${FIELD_NAMES[sweep.y.field]} ↓ ` : ""}
                  {FIELD_NAMES[sweep.x.field]} →
                </th>
                {sweep.x.labels.map((label, x) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: as above
                  <th key={x} scope="col" className="truncate px-1 text-center text-xs font-medium" title={label}>
                    <span data-testid="sweep-x-label">{label}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((rowLabel, y) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <tr key={y}>
                  <th scope="row" className="pr-1 text-left align-middle text-xs font-medium break-words" title={rowLabel}>
                    <span className="line-clamp-4" data-testid="sweep-y-label">
                      {rowLabel}
                    </span>
                  </th>
                  {sweep.x.labels.map((columnLabel, x) => {
                    const view = latest.get(`${x}:${y}`)?.view;
                    const label = [columnLabel, rowLabel].filter(Boolean).join(" · ");
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: as above
                      <td key={x} className="p-0 align-top">
                        <SweepCell
                          cell={view}
                          label={label}
                          aspect={`${ratio}`}
                          eager={y < eagerRows}
                          priority={y === 0}
                          actions={size === "m" || size === "l"}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </RunSequence>
  );
}
