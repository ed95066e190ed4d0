/** Enough finished runs to say what "usual" is. */
const MIN_SAMPLES = 3;

/**
 * How long a run usually takes: the median inference time of recent finished runs of the same
 * engine and image count, or undefined while there are too few to tell.
 */
export function expectedDurationMs(
  runs: ReadonlyArray<{ status: string; engine: string; inferenceMs: number; input: { num_images: number } }>,
  engine: string,
  images: number,
): number | undefined {
  const times = runs
    .filter(
      (run) => run.status === "completed" && run.engine === engine && run.input.num_images === images && run.inferenceMs > 0,
    )
    .map((run) => run.inferenceMs)
    .sort((a, b) => a - b);
  if (times.length < MIN_SAMPLES) return undefined;
  const middle = Math.floor(times.length / 2);
  return times.length % 2 ? times[middle] : (times[middle - 1]! + times[middle]!) / 2;
}
