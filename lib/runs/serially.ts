/**
 * Work that runs one round at a time: a call while a round runs asks for one more round after it,
 * and calls made before that round starts share it. So a burst of asks (a sweep's 64 cells, a
 * timer that fires while the last round is slow) costs at most two rounds, never overlapping ones.
 */
export function serially<T>(work: () => Promise<T>): () => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  let next: Promise<T> | undefined;
  return () => {
    if (next) return next;
    const round = last.then(() => {
      next = undefined;
      return work();
    });
    next = round;
    last = round.catch(() => undefined);
    return round;
  };
}
