import "server-only";
import sharp, { type OverlayOptions } from "sharp";
import { CARD_SIZE, type CardImage, type CardSpec } from "./card-spec";
import { charsPerLine, escapeXml, type Weight, wrap } from "./card-text";

const COLORS = { background: "#15151c", tile: "#0d0d12", text: "#f4f4f7", muted: "#a9a9b8", accent: "#9d8cff" };
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const PADDING = 52;
const GAP = 6;
/** The collage's share of the card when there are pictures. */
const COLLAGE_WIDTH = 660;

/** Reads one output's bytes; undefined when its file is gone (the card is drawn without it). */
export type ImageReader = (image: CardImage) => Promise<Buffer | undefined>;

/**
 * One 1200×630 PNG: up to four images side by side or in a grid, each letterboxed to keep its
 * shape, and the words of the spec beside them (across the whole card when there are none).
 */
export async function drawCard(spec: CardSpec, read: ImageReader): Promise<Buffer> {
  const pictures = (await Promise.all(spec.images.map(async (image) => ({ image, bytes: await read(image) })))).filter(
    (picture): picture is { image: CardImage; bytes: Buffer } => Boolean(picture.bytes),
  );
  const collageWidth = pictures.length > 0 ? COLLAGE_WIDTH : 0;
  const tiles = await collage(pictures, collageWidth, CARD_SIZE.height);
  const text = textLayer(spec, collageWidth);
  return sharp({ create: { ...CARD_SIZE, channels: 3, background: COLORS.background } })
    .composite([...tiles, { input: Buffer.from(text), left: 0, top: 0 }])
    .png({ compressionLevel: 8 })
    .toBuffer();
}

/** The arrangement (columns × rows) that shows the most of the images, each fitted whole into its tile. */
function bestGrid(images: CardImage[], width: number, height: number) {
  let best = { columns: 1, rows: 1, shown: -1 };
  for (let columns = 1; columns <= images.length; columns++) {
    const rows = Math.ceil(images.length / columns);
    const tile = { width: (width - GAP * (columns - 1)) / columns, height: (height - GAP * (rows - 1)) / rows };
    const shown = images.reduce((sum, image) => {
      const scale = Math.min(tile.width / image.width, tile.height / image.height);
      return sum + image.width * scale * image.height * scale;
    }, 0);
    if (shown > best.shown) best = { columns, rows, shown };
  }
  return best;
}

async function collage(
  pictures: { image: CardImage; bytes: Buffer }[],
  width: number,
  height: number,
): Promise<OverlayOptions[]> {
  if (pictures.length === 0) return [];
  const { columns, rows } = bestGrid(
    pictures.map((picture) => picture.image),
    width,
    height,
  );
  const tileWidth = Math.floor((width - GAP * (columns - 1)) / columns);
  const tileHeight = Math.floor((height - GAP * (rows - 1)) / rows);
  return Promise.all(
    pictures.map(async ({ bytes }, position) => ({
      input: await sharp(bytes)
        .resize(tileWidth, tileHeight, { fit: "contain", background: COLORS.tile })
        .flatten({ background: COLORS.tile })
        .toBuffer(),
      left: (position % columns) * (tileWidth + GAP),
      top: Math.floor(position / columns) * (tileHeight + GAP),
    })),
  );
}

type Line = { text: string; size: number; weight: Weight; color: string; gapBefore: number };

function textLayer(spec: CardSpec, left: number): string {
  const x = left + PADDING;
  const width = CARD_SIZE.width - x - PADDING;
  const footerTop = CARD_SIZE.height - PADDING - 26;
  const body: Line[] = [];
  const lines = (text: string, size: number, weight: Weight, color: string, max: number, gap: number) =>
    wrap(text, charsPerLine(width, size, weight), max).map((line, index) => ({
      text: line,
      size,
      weight,
      color,
      gapBefore: index === 0 ? gap : 0,
    }));
  const factLines = spec.facts.flatMap((fact, index) => lines(fact, 24, "regular", COLORS.muted, 2, index === 0 ? 28 : 4));
  const noteLines = spec.note ? lines(spec.note, 22, "regular", COLORS.accent, 2, 20) : [];
  const captionLines = spec.caption ? lines(spec.caption, 26, "regular", COLORS.text, 3, 18) : [];
  const room = footerTop - PADDING - 24 - height([...captionLines, ...factLines, ...noteLines]);
  // The heading takes what room is left, in the largest size that fits a few lines.
  const heading = headingLines(spec.heading, width, room);
  body.push(...heading, ...captionLines, ...factLines, ...noteLines);

  let y = PADDING;
  const texts = body.map((line) => {
    y += line.gapBefore + line.size * 1.25;
    return `<text x="${x}" y="${Math.round(y)}" font-size="${line.size}" font-weight="${line.weight === "bold" ? 700 : 400}" fill="${line.color}">${escapeXml(line.text)}</text>`;
  });
  const footer = [
    `<rect x="${x}" y="${footerTop}" width="26" height="26" rx="7" fill="${COLORS.accent}"/>`,
    `<text x="${x + 38}" y="${footerTop + 21}" font-size="22" font-weight="700" fill="${COLORS.text}">Kontext Playground</text>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_SIZE.width}" height="${CARD_SIZE.height}" font-family="${FONT}">${[...texts, ...footer].join("")}</svg>`;
}

const height = (lines: Line[]) => lines.reduce((sum, line) => sum + line.gapBefore + line.size * 1.25, 0);

function headingLines(text: string, width: number, room: number): Line[] {
  for (const size of [46, 40, 34, 30]) {
    const perLine = charsPerLine(width, size, "bold");
    const maxLines = Math.max(1, Math.floor(room / (size * 1.25)));
    const lines = wrap(text, perLine, maxLines);
    if (!lines.at(-1)?.endsWith("…") || size === 30)
      return lines.map((line) => ({ text: line, size, weight: "bold" as const, color: COLORS.text, gapBefore: 0 }));
  }
  return [];
}
