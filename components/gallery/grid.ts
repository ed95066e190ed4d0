/**
 * Columns for n images of one shape: landscape images get room to be wide,
 * portrait ones sit side by side so one tall image does not fill the screen.
 */
export function galleryGridClass(width: number, height: number, count: number, large = false): string {
  const portrait = height > width;
  // A share page has the width to itself: landscape images stack at full size.
  if (large && count > 1) return portrait || width === height ? "grid grid-cols-2 gap-3" : "grid grid-cols-1 gap-3";
  if (count === 1)
    return portrait ? "grid max-w-sm grid-cols-1" : width === height ? "grid max-w-lg grid-cols-1" : "grid max-w-2xl grid-cols-1";
  if (portrait)
    return count === 2
      ? "grid max-w-2xl grid-cols-2 gap-2"
      : count === 3
        ? "grid grid-cols-3 gap-2"
        : "grid grid-cols-2 gap-2 sm:grid-cols-4";
  return count === 3 ? "grid grid-cols-2 gap-2 sm:grid-cols-3" : "grid grid-cols-2 gap-2";
}

/**
 * The `sizes` of each image of a gallery laid out by galleryGridClass (or the compact list's grid):
 * how wide it is shown, so the browser fetches the copy of that width from the srcset, never a
 * larger one. The results column is the page's width (at most 80rem) less the form's column (32rem)
 * on wide screens, less the page's edges and a card's padding (4rem) on narrow ones; `cap` is the
 * gallery's own largest width. Lazy images also say `auto` (their laid-out width, which the browser
 * knows when it fetches them); eager ones are fetched before layout and go by these. No min() here:
 * a browser that did not read it would fall back to the whole window.
 */
export function gallerySizes(width: number, height: number, count: number, compact?: boolean) {
  if (compact)
    return "(min-width: 1280px) 12rem, (min-width: 1024px) calc((100vw - 32rem) / 3), (min-width: 640px) calc((100vw - 4rem) / 3), calc((100vw - 4rem) / 2)";
  const portrait = height > width;
  const columns = count === 1 ? 1 : count === 3 ? 3 : portrait && count === 4 ? 4 : 2;
  const cap = count === 1 ? (portrait ? 384 : width === height ? 512 : 672) : count === 2 ? 336 : 672;
  return cappedSizes(cap, columns);
}

/** `min(cap, column / columns)` written as media conditions, widest screens first. */
function cappedSizes(cap: number, columns: number): string {
  const wideFrom = cap * columns + 512;
  const narrowFrom = cap * columns + 64;
  const entries =
    wideFrom <= 1024
      ? [`(min-width: 1024px) ${cap}px`]
      : [
          `(min-width: 1280px) ${Math.min(cap, Math.floor(768 / columns))}px`,
          ...(wideFrom < 1280 ? [`(min-width: ${wideFrom}px) ${cap}px`] : []),
          `(min-width: 1024px) calc((100vw - 32rem) / ${columns})`,
        ];
  if (narrowFrom < 1024) entries.push(`(min-width: ${narrowFrom}px) ${cap}px`);
  entries.push(`calc((100vw - 4rem) / ${columns})`);
  return entries.join(", ");
}
