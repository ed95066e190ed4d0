import type { SweepRecord } from "../domain";

/**
 * Where sweeps are kept (their cells are predictions, in PredictionRepo). SQLite today
 * (sqlite-sweep-repo.ts); any other implementation must pass testing/contracts/sweep-repo.ts.
 */
export interface SweepRepo {
  create(sweep: SweepRecord): Promise<SweepRecord>;
  get(id: string): Promise<SweepRecord | undefined>;
  /** Records a cancel (or clears it, when cells are retried); false when there is no such sweep. */
  setCancelled(id: string, cancelledAt: string | null): Promise<boolean>;
  /** Which of these ids are stored. */
  existingIds(ids: string[]): Promise<Set<string>>;
}
