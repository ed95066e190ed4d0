import "server-only";
import sharp, { type OverlayOptions } from "sharp";
import { CARD_SIZE, type CardImage, type CardSpec } from "./card-spec";
import { charsPerLine, escapeXml, type Weight, wrap } from "./card-text";

const COLORS = { background: "#15151c", tile: "#0d0d12", text: "#f4f4f7", muted: "#a9a9b8", accent: "#9d8cff" };
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const PADDING = 52;
const GAP = 6;
/** Space between the pictures and the card's edges. */
const INSET = 24;
/** The collage's share of the card when there are pictures. */
const COLLAGE_WIDTH = 660;

/** Reads one output's bytes; undefined when its file is gone (the card is drawn without it). */
export type ImageReader = (image: CardImage) => Promise<Buffer | undefined>;

/**
 * One 1200×630 PNG: up to four images side by side or in a grid, each letterboxed to keep its
 * shape and inset from the edges, and the words of the spec beside them (across the whole card
 * when there are none); a setup's card draws the shape of its image where the pictures go.
 */
export async function drawCard(spec: CardSpec, read: ImageReader): Promise<Buffer> {
  const pictures = (await Promise.all(spec.images.map(async (image) => ({ image, bytes: await read(image) })))).filter(
    (picture): picture is { image: CardImage; bytes: Buffer } => Boolean(picture.bytes),
  );
  const frame = pictures.length === 0 ? spec.frame : undefined;
  const collageWidth = pictures.length > 0 || frame ? COLLAGE_WIDTH : 0;
  const tiles = frame
    ? [frameLayer(frame, collageWidth, CARD_SIZE.height)]
    : await collage(pictures, collageWidth, CARD_SIZE.height);
  // The words start past the pictures' inset, not against them.
  const text = textLayer(spec, collageWidth && collageWidth - INSET);
  return sharp({ create: { ...CARD_SIZE, channels: 3, background: COLORS.background } })
    .composite([...tiles, { input: Buffer.from(text), left: 0, top: 0 }])
    .png({ compressionLevel: 8 })
    .toBuffer();
}

type Tile = { left: number; top: number; width: number; height: number };

/** Splits `length` into `count` parts with GAP between them, as whole pixels: [offset, size] each. */
const split = (length: number, count: number): Array<[number, number]> => {
  const size = Math.floor((length - GAP * (count - 1)) / count);
  return Array.from({ length: count }, (_, index) => [index * (size + GAP), size]);
};

/**
 * The ways `count` pictures can fill a box: rows of tiles, or columns of them, where a last row (or
 * column) with fewer pictures shares out the whole of its length, so no corner stays empty
 * (three pictures: two on top and one wide below, or one tall beside two).
 */
function arrangements(count: number, width: number, height: number): Tile[][] {
  const layouts: Tile[][] = [];
  for (let lines = 1; lines <= count; lines++) {
    const perLine = Math.ceil(count / lines);
    if (perLine * (lines - 1) >= count) continue;
    for (const across of [true, false]) {
      const tiles: Tile[] = [];
      split(across ? height : width, lines).forEach(([offset, size], line) => {
        const inLine = Math.min(perLine, count - line * perLine);
        for (const [start, length] of split(across ? width : height, inLine))
          tiles.push(
            across
              ? { left: start, top: offset, width: length, height: size }
              : { left: offset, top: start, width: size, height: length },
          );
      });
      layouts.push(tiles);
    }
  }
  return layouts;
}

/** The arrangement that shows the most of the images, each fitted whole into its tile. */
function bestTiles(images: Array<{ width: number; height: number }>, width: number, height: number): Tile[] {
  const shown = (tiles: Tile[]) =>
    images.reduce((sum, image, index) => {
      const scale = Math.min(tiles[index].width / image.width, tiles[index].height / image.height);
      return sum + image.width * scale * image.height * scale;
    }, 0);
  return arrangements(images.length, width, height).reduce((best, tiles) => (shown(tiles) > shown(best) ? tiles : best));
}

async function collage(
  pictures: { image: CardImage; bytes: Buffer }[],
  width: number,
  height: number,
): Promise<OverlayOptions[]> {
  if (pictures.length === 0) return [];
  // Inset from the card's edges, as the words are.
  const box = { width: width - INSET * 2, height: height - INSET * 2 };
  const tiles = bestTiles(
    pictures.map((picture) => picture.image),
    box.width,
    box.height,
  );
  return Promise.all(
    pictures.map(async ({ bytes }, position) => ({
      input: await sharp(bytes)
        .resize(tiles[position].width, tiles[position].height, { fit: "contain", background: COLORS.tile })
        .flatten({ background: COLORS.tile })
        .toBuffer(),
      left: INSET + tiles[position].left,
      top: INSET + tiles[position].top,
    })),
  );
}

/** A setup's card: the shape of the image it would make, where pictures go on the others. */
function frameLayer(frame: { width: number; height: number }, width: number, height: number): OverlayOptions {
  const room = { width: width - INSET * 2, height: height - INSET * 2 };
  const scale = Math.min(room.width / frame.width, room.height / frame.height);
  const w = Math.round(frame.width * scale);
  const h = Math.round(frame.height * scale);
  const x = INSET + Math.round((room.width - w) / 2);
  const y = INSET + Math.round((room.height - h) / 2);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FONT}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3b2f86"/><stop offset="1" stop-color="#0f4c5c"/></linearGradient></defs>
<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="18" fill="url(#g)"/>
<rect x="${x + 10}" y="${y + 10}" width="${w - 20}" height="${h - 20}" rx="12" fill="none" stroke="${COLORS.accent}" stroke-width="3" stroke-dasharray="14 10"/>
<path d="M${x + w / 2} ${y + h / 2 - 44} l12 32 32 12 -32 12 -12 32 -12 -32 -32 -12 32 -12z" fill="${COLORS.text}"/>
<text x="${x + w / 2}" y="${y + h / 2 + 84}" font-size="28" font-weight="700" fill="${COLORS.text}" text-anchor="middle">${frame.width} × ${frame.height}</text>
</svg>`;
  return { input: Buffer.from(svg), left: 0, top: 0 };
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
