import type { PredictionStatus } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";

const RANK: Record<PredictionStatus, number> = { created: 0, processing: 1, completed: 2, failed: 2 };

/**
 * The event stream, the submit answer and polling race each other; a late
 * answer must never move a prediction back (completed -> created), nor undo a
 * star or a note, so of two views of one prediction the more advanced wins, then
 * the more recently changed, ties going to the incoming.
 */
export function newerView(current: PredictionView | undefined, incoming: PredictionView): PredictionView {
  if (!current || current.id !== incoming.id) return incoming;
  if (RANK[incoming.status] !== RANK[current.status]) return RANK[incoming.status] > RANK[current.status] ? incoming : current;
  return incoming.updatedAt >= current.updatedAt ? incoming : current;
}
