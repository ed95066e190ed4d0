import { PIXEL_SIZES, type SweepRecord } from "../domain";

/** The sweep grid PNG's geometry, in pixels; pure, so its size can be known and tested. */
export const GRID = {
  pad: 24,
  gap: 8,
  cellWidth: 256,
  titleHeight: 32,
  headerHeight: 32,
  rowLabelWidth: 120,
  captionTop: 12,
  captionLineHeight: 22,
  maxCaptionLines: 3,
  /** Average advance of the caption font at its size: how many characters fit a line. */
  charWidth: 8,
} as const;

export type GridLayout = {
  width: number;
  height: number;
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  rowLabelWidth: number;
  gridLeft: number;
  gridTop: number;
  captionLines: string[];
  cellAt: (x: number, y: number) => { left: number; top: number };
};

/** Words into lines of at most `width` characters; a last line that does not fit ends in "…". */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, width - 1)}…`;
  return kept;
}

export function gridLayout(sweep: Pick<SweepRecord, "base" | "x" | "y">, caption: string): GridLayout {
  const columns = sweep.x.values.length;
  const rows = sweep.y?.values.length ?? 1;
  const sweepsShape = sweep.x.field === "aspect_ratio" || sweep.y?.field === "aspect_ratio";
  const { width: w, height: h } = PIXEL_SIZES[sweep.base.aspect_ratio];
  // With the aspect ratio on an axis, every cell is a square box the image is fitted into.
  const cellHeight = sweepsShape ? GRID.cellWidth : Math.round((GRID.cellWidth * h) / w);
  const rowLabelWidth = sweep.y ? GRID.rowLabelWidth : 0;
  const gridLeft = GRID.pad + rowLabelWidth;
  const gridTop = GRID.pad + GRID.titleHeight + GRID.headerHeight;
  const width = gridLeft + columns * GRID.cellWidth + (columns - 1) * GRID.gap + GRID.pad;
  const gridBottom = gridTop + rows * cellHeight + (rows - 1) * GRID.gap;
  const captionLines = wrap(caption, Math.floor((width - 2 * GRID.pad) / GRID.charWidth), GRID.maxCaptionLines);
  const height = gridBottom + GRID.captionTop + captionLines.length * GRID.captionLineHeight + GRID.pad;
  return {
    width,
    height,
    columns,
    rows,
    cellWidth: GRID.cellWidth,
    cellHeight,
    rowLabelWidth,
    gridLeft,
    gridTop,
    captionLines,
    cellAt: (x, y) => ({ left: gridLeft + x * (GRID.cellWidth + GRID.gap), top: gridTop + y * (cellHeight + GRID.gap) }),
  };
}
