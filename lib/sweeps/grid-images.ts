import "server-only";
import { createHash } from "node:crypto";
import sharp, { type OverlayOptions } from "sharp";
import {
  gridShape,
  isTerminal,
  latestCells,
  type PredictionRecord,
  SWEEP_CELL_CANCELLED,
  type SweepAxis,
  type SweepRecord,
} from "../domain";
import { type BlobStore, readBlob } from "../storage/blob-store";
import { GRID, type GridLayout, gridLayout } from "./grid-layout";

/** Bumped whenever the drawing changes, so cached grids are drawn again. */
const DRAWING_VERSION = 1;

const FIELD_NAMES: Record<SweepAxis["field"], string> = {
  model: "model",
  seed: "seed",
  guidance_scale: "guidance scale",
  safety_tolerance: "safety tolerance",
  aspect_ratio: "aspect ratio",
  prompt: "prompt",
};

const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

/**
 * The sweep as one PNG, composited with sharp: labelled axes, each cell's first image
 * (from its thumbnail; flagged ones blurred beyond recognition), the prompt as a caption.
 * A finished sweep's PNG is cached in its own BlobStore, keyed by what it shows.
 */
export class GridImages {
  constructor(
    private readonly cache: BlobStore,
    private readonly thumbnail: (id: string, index: number) => Promise<Buffer>,
  ) {}

  async render(sweep: SweepRecord, cells: PredictionRecord[]): Promise<Buffer> {
    const latest = latestCells(
      cells.filter((cell) => cell.sweep).map((cell) => ({ ...cell.sweep!, createdAt: cell.createdAt, record: cell })),
    );
    const shown = [...latest.values()];
    const done =
      shown.length === gridShape(sweep).columns * gridShape(sweep).rows && shown.every((cell) => isTerminal(cell.record.status));
    const key = `${sweep.id}/${this.fingerprint(
      sweep,
      shown.map((cell) => cell.record),
    )}.png`;
    if (done) {
      const cached = await readBlob(this.cache, key);
      if (cached) return cached;
    }
    const layout = gridLayout(sweep, sweep.base.prompt);
    const tiles = await Promise.all(shown.map((cell) => this.tile(layout, cell.record, cell.x, cell.y)));
    const png = await sharp({ create: { width: layout.width, height: layout.height, channels: 3, background: "#ffffff" } })
      .composite([
        ...tiles.flat(),
        {
          input: Buffer.from(
            labels(
              sweep,
              layout,
              shown.map((cell) => cell.record),
            ),
          ),
          left: 0,
          top: 0,
        },
      ])
      .png()
      .toBuffer();
    if (done) {
      // Only the newest drawing of a sweep is kept.
      await this.cache.deletePrefix(sweep.id);
      await this.cache.put(key, png, "image/png");
    }
    return png;
  }

  private async tile(layout: GridLayout, cell: PredictionRecord, x: number, y: number): Promise<OverlayOptions[]> {
    const output = cell.status === "completed" ? cell.outputs[0] : undefined;
    if (!output) return [];
    const { left, top } = layout.cellAt(x, y);
    let image = sharp(await this.thumbnail(cell.id, output.index)).resize(layout.cellWidth, layout.cellHeight, {
      fit: "contain",
      background: "#f4f4f5",
    });
    if (output.nsfw) image = image.blur(40);
    return [{ input: await image.png().toBuffer(), left, top }];
  }

  private fingerprint(sweep: SweepRecord, cells: PredictionRecord[]): string {
    const parts = cells.map((cell) => [cell.id, cell.status, cell.outputs[0]?.nsfw ?? null]);
    return createHash("sha256")
      .update(JSON.stringify([DRAWING_VERSION, sweep.base, sweep.x, sweep.y, parts]))
      .digest("hex")
      .slice(0, 16);
  }
}

/** Every word on the grid, as one SVG laid over it: title, column and row labels, cell states, caption. */
function labels(sweep: SweepRecord, layout: GridLayout, cells: PredictionRecord[]): string {
  const text = (x: number, y: number, content: string, attrs = "") =>
    `<text x="${x}" y="${y}" font-family="${FONT}" ${attrs}>${escapeXml(content)}</text>`;
  const title = sweep.y
    ? `${FIELD_NAMES[sweep.x.field]} (across) × ${FIELD_NAMES[sweep.y.field]} (down)`
    : `${FIELD_NAMES[sweep.x.field]} (across)`;
  const parts = [text(GRID.pad, GRID.pad + 20, title, 'font-size="17" font-weight="bold" fill="#18181b"')];
  const headerY = GRID.pad + GRID.titleHeight + 20;
  sweep.x.labels.forEach((label, x) => {
    const { left } = layout.cellAt(x, 0);
    parts.push(text(left + layout.cellWidth / 2, headerY, clip(label, 30), 'font-size="14" fill="#3f3f46" text-anchor="middle"'));
  });
  sweep.y?.labels.forEach((label, y) => {
    const { top } = layout.cellAt(0, y);
    parts.push(text(GRID.pad, top + layout.cellHeight / 2 + 5, clip(label, 13), 'font-size="14" fill="#3f3f46"'));
  });
  for (const cell of cells) {
    if (cell.status === "completed" || !cell.sweep) continue;
    const { left, top } = layout.cellAt(cell.sweep.x, cell.sweep.y);
    const word = cell.status !== "failed" ? "not finished" : cell.error === SWEEP_CELL_CANCELLED ? "cancelled" : "failed";
    parts.push(`<rect x="${left}" y="${top}" width="${layout.cellWidth}" height="${layout.cellHeight}" fill="#f4f4f5"/>`);
    parts.push(
      text(
        left + layout.cellWidth / 2,
        top + layout.cellHeight / 2 + 5,
        word,
        'font-size="14" fill="#71717a" text-anchor="middle"',
      ),
    );
  }
  const captionTop = layout.gridTop + layout.rows * layout.cellHeight + (layout.rows - 1) * GRID.gap + GRID.captionTop;
  layout.captionLines.forEach((line, index) => {
    parts.push(text(GRID.pad, captionTop + (index + 1) * GRID.captionLineHeight - 6, line, 'font-size="15" fill="#18181b"'));
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}">${parts.join("")}</svg>`;
}
