/** One image of one run, as the lightbox steps through them. */
export type ImageSpot = { id: string; index: number };

type RunImages = { status: string; outputs: ReadonlyArray<unknown> } | undefined;

/**
 * The image `step` (+1 or -1) away: within the run first, then on into the next or previous run in
 * `sequence` that has images (running, failed and deleted runs are passed over). A lone run wraps
 * around; at either end of several, there is nowhere to go (undefined).
 */
export function stepImage(
  spot: ImageSpot,
  step: 1 | -1,
  sequence: readonly string[],
  runOf: (id: string) => RunImages,
): ImageSpot | undefined {
  const count = imagesIn(runOf(spot.id));
  const next = spot.index + step;
  if (next >= 0 && next < count) return { id: spot.id, index: next };
  if (sequence.length <= 1) return count > 1 ? { id: spot.id, index: (next + count) % count } : undefined;
  for (let position = sequence.indexOf(spot.id) + step; position >= 0 && position < sequence.length; position += step) {
    const id = sequence[position]!;
    const images = imagesIn(runOf(id));
    if (images > 0) return { id, index: step === 1 ? 0 : images - 1 };
  }
  return undefined;
}

const imagesIn = (run: RunImages) => (run?.status === "completed" ? run.outputs.length : 0);
