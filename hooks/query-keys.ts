/** Every TanStack Query key in one place, so cache writes and reads agree. */
export const queryKeys = {
  prediction: (id: string) => ["prediction", id] as const,
  history: ["history"] as const,
  budget: ["budget"] as const,
  sweep: (id: string) => ["sweep", id] as const,
  /** A sweep as one entry of a feed (hooks/use-sweep-entry.ts). */
  sweepEntry: (id: string) => ["sweep-entry", id] as const,
  /** This tab's submits, newest first (hooks/use-runs.ts). */
  sessionRuns: ["session-runs"] as const,
};
