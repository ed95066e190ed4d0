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

/** The results column beside the form on wide screens, and the page's edges and a card's padding on narrow ones. */
const WIDE = "(min-width: 1024px)";
const RESULTS = "(min(100vw, 80rem) - 32rem)";
const NARROW = "(100vw - 4rem)";

/**
 * The `sizes` of each image of a gallery laid out by galleryGridClass (or the compact list's grid):
 * how wide it is shown, so the browser fetches the copy of that width from the srcset, never a
 * larger one. Lazy images also say `auto` (their laid-out width, which the browser knows when it
 * fetches them); eager ones are fetched before layout and go by these.
 */
export function gallerySizes(width: number, height: number, count: number, compact?: boolean) {
  if (compact) return `${WIDE} calc(${RESULTS} / 3), (min-width: 640px) calc(${NARROW} / 3), calc(${NARROW} / 2)`;
  const portrait = height > width;
  const columns = count === 1 ? 1 : count === 3 ? 3 : portrait && count === 4 ? 4 : 2;
  const cap = count === 1 ? (portrait ? 384 : width === height ? 512 : 672) : count === 2 ? 336 : 672;
  return `${WIDE} min(${cap}px, calc(${RESULTS} / ${columns})), min(${cap}px, calc(${NARROW} / ${columns}))`;
}
