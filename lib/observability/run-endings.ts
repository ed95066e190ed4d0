import { LRUCache } from "lru-cache";
import { isTerminal, type PredictionRecord } from "../domain";

/** A run announced as ended longer ago than this is a later change to it (a note, a star), not its ending. */
const FRESH_END_MS = 10 * 60_000;
/** Runs whose ending was seen, remembered so a note or star soon after is not taken for it again. */
const REMEMBERED = 10_000;

/**
 * Tells a run's ending from the later announcements of the same finished run (a note, a star): the
 * first announcement of a run that ended within the last minutes is its ending.
 */
export class RunEndings {
  private readonly seen = new LRUCache<string, true>({ max: REMEMBERED });

  constructor(private readonly now: () => number = Date.now) {}

  /** True once per run: the first time it is announced finished, if it finished lately. */
  isEnding(record: PredictionRecord): boolean {
    if (!isTerminal(record.status) || !record.completedAt || this.seen.has(record.id)) return false;
    if (this.now() - Date.parse(record.completedAt) > FRESH_END_MS) return false;
    this.seen.set(record.id, true);
    return true;
  }
}
