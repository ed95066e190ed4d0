"use client";

import { Segmented } from "@/components/ui/segmented";

export const CELL_SIZES = ["fit", "s", "m", "l"] as const;
export type CellSize = (typeof CELL_SIZES)[number];

const LABELS: Record<CellSize, string> = { fit: "Fit to screen", s: "Small", m: "Medium", l: "Large" };
/** A cell's width at each fixed size. */
const WIDTHS: Record<Exclude<CellSize, "fit">, string> = { s: "6rem", m: "10rem", l: "16rem" };
/** Before the browser has measured: the room a laptop leaves under the page's header, title, progress and these controls. */
export const DEFAULT_ROOM = "calc(100svh - 26rem)";
const GAP = "0.375rem";

/** `room`: the height the rows may take in fit mode. */
type Shape = { size: CellSize; columns: number; rows: number; ratio: number; labelWidth: string; room: string };

/**
 * The table's width, which sets every cell's (a fixed layout shares it out evenly). Fit: the
 * widest cells for which every row fits the screen's height and every column its width.
 */
export function gridWidth({ size, columns, rows, ratio, labelWidth, room }: Shape): string {
  const label = `(${labelWidth} + ${GAP} * 2)`;
  const cell =
    size === "fit" ? `min((100% - ${label}) / ${columns} - ${GAP}, (${room}) / ${rows} * ${ratio} - ${GAP})` : WIDTHS[size];
  return `calc(${label} + ${columns} * (${cell} + ${GAP}))`;
}

/** The cell-size control above a sweep's grid. */
export function CellSizeControl({ size, onSize }: { size: CellSize; onSize: (size: CellSize) => void }) {
  return (
    <Segmented
      label={{ text: "Cell size" }}
      name="sweep-cell-size"
      options={CELL_SIZES.map((option) => [option, LABELS[option]] as const)}
      value={size}
      onChange={onSize}
      testId="cell-size"
    />
  );
}
