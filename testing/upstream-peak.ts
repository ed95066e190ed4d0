/** The most tasks unfinished upstream at any one moment, from the fake's own timestamps of each task. */
export function peakUnfinished(tasks: Array<{ createdAt: number; completedAt: number }>): number {
  return Math.max(0, ...tasks.map(({ createdAt: at }) => tasks.filter((t) => t.createdAt <= at && at < t.completedAt).length));
}
