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
