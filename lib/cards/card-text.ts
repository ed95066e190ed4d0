/**
 * Lines of text for a card drawn as SVG, where nothing wraps by itself. Widths are estimated from
 * the font size (DejaVu Sans, the widest of the system fonts it may fall back to, runs about
 * 0.6 em a character in bold), so a line may end early but never runs off the card.
 */
const EM_PER_CHAR = { regular: 0.56, bold: 0.62 } as const;

export type Weight = keyof typeof EM_PER_CHAR;

export const charsPerLine = (widthPx: number, sizePx: number, weight: Weight) =>
  Math.max(8, Math.floor(widthPx / (sizePx * EM_PER_CHAR[weight])));

/** Words into at most `maxLines` lines of `perLine` characters; what does not fit ends in an ellipsis. */
export function wrap(text: string, perLine: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words.flatMap((candidate) => chop(candidate, perLine))) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) return [...lines, line];
  const kept = lines.slice(0, maxLines);
  const last = kept.at(-1) ?? "";
  kept[kept.length - 1] = `${last.length >= perLine ? last.slice(0, perLine - 1).trimEnd() : last}…`;
  return kept;
}

/** A word longer than a line is cut into line-sized pieces. */
function chop(word: string, perLine: number): string[] {
  if (word.length <= perLine) return [word];
  const pieces: string[] = [];
  for (let start = 0; start < word.length; start += perLine) pieces.push(word.slice(start, start + perLine));
  return pieces;
}

export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
