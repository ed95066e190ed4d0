import type {
  EngineName,
  HistoryPageOf,
  HistoryQuery,
  NewPrediction,
  PredictionPatch,
  PredictionRecord,
  PredictionStatus,
  StoredOutput,
} from "../domain";

export type ImageTotals = { images: Record<EngineName, number>; usd: number };
export type Spend = { images: number; usd: number };

/**
 * Where predictions are kept. SQLite today (sqlite-prediction-repo.ts); any
 * other implementation must pass the same contract suite
 * (testing/contracts/prediction-repo.ts). Every method returns a promise, also
 * where SQLite answers at once, so a networked store fits behind it.
 */
export interface PredictionRepo {
  /** Stores a new prediction; returns it as a read would. */
  create(prediction: NewPrediction): Promise<PredictionRecord>;
  /**
   * Stores a new prediction unless the claim's key was used within its lifetime, in which case it
   * answers the prediction that key made (same fingerprint) or "mismatch" (another request).
   * Atomic: of concurrent calls with one key, exactly one creates.
   */
  createOnce(prediction: NewPrediction, claim: IdempotencyClaim): Promise<ClaimOutcome>;
  /** What the claim's key already made within its lifetime ("replayed" or "mismatch"); undefined when it is free. */
  findClaim(claim: IdempotencyClaim): Promise<ClaimOutcome | undefined>;
  /** Forgets keys claimed before `before` (ISO time); returns how many. */
  forgetIdempotencyKeys(before: string): Promise<number>;
  get(id: string): Promise<PredictionRecord | undefined>;
  /** Only the status: the tracker's cheap check between polls. */
  getStatus(id: string): Promise<PredictionStatus | undefined>;
  /** Its status and last change alone, without reading its outputs (what a share page's cache asks). */
  getState(id: string): Promise<Pick<PredictionRecord, "status" | "updatedAt"> | undefined>;
  findByUpstreamId(upstreamId: string): Promise<PredictionRecord | undefined>;
  /** History, newest first (created_at, then id), a page at a time. */
  list(query: HistoryQuery): Promise<HistoryPageOf<PredictionRecord>>;
  /** Every prediction not yet completed or failed, oldest first. */
  listUnfinished(): Promise<PredictionRecord[]>;
  /**
   * Writes the patch. A status in it is written only where the domain allows the
   * move from the stored status (lib/domain/prediction.ts); a patch without one (submit
   * bookkeeping) only while the prediction is unfinished; otherwise nothing is written.
   */
  update(id: string, patch: PredictionPatch): Promise<UpdateOutcome>;
  /**
   * Stores the outputs and moves the prediction to `completed`, all or nothing.
   * Undefined when it is gone or already terminal.
   */
  complete(id: string, outputs: StoredOutput[], patch: Omit<PredictionPatch, "status">): Promise<PredictionRecord | undefined>;
  /**
   * Fails, with `error`, those of these predictions nothing has begun to send (`created`, submit state
   * `pending`), in one statement: a submit that begins after it is refused. Returns the ids it failed.
   */
  failUnsent(ids: string[], error: string, completedAt: string): Promise<string[]>;
  /** False when there was no such prediction. */
  delete(id: string): Promise<boolean>;
  /** Images made so far, by engine, and what they cost (each at its run's price), for the running total. */
  imageTotals(): Promise<ImageTotals>;
  /** How many predictions are not yet completed or failed: the queue a new submit joins. */
  countUnfinished(): Promise<number>;
  /**
   * The images one UTC day (`YYYY-MM-DD`, by creation) has spent on an engine, and what they cost
   * at their runs' prices: outputs of its completed predictions, `num_images` of its unfinished
   * ones, and those of its deleted ones (completed, or unfinished but already sent upstream).
   * Failed ones cost nothing.
   */
  spendOn(engine: EngineName, day: string): Promise<Spend>;
  /** Replaces the run's note; the record as it now stands, undefined when there is no such run. */
  setNote(id: string, note: string): Promise<PredictionRecord | undefined>;
  /** Stars or unstars one image; undefined when there is no such run or image. */
  setStar(id: string, index: number, starred: boolean): Promise<PredictionRecord | undefined>;
  /**
   * The chain of runs this one came from, root first, at most `max` long. A parent that is gone
   * ends the chain as an entry without a record.
   */
  ancestors(id: string, max: number): Promise<Ancestor[]>;
  /** The runs made directly from this one, oldest first. */
  children(id: string): Promise<PredictionRecord[]>;
  /** How many runs each of these threads holds. */
  threadSizes(threadIds: string[]): Promise<Record<string, number>>;
  /** Every run of a sweep, retried cells included, by row, column, then age. */
  sweepCells(sweepId: string): Promise<PredictionRecord[]>;
  /** Which of these ids are stored. */
  existingIds(ids: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** A submit's Idempotency-Key as stored. */
export type IdempotencyClaim = {
  key: string;
  /** A digest of the request the key came with. */
  fingerprint: string;
  createdAt: string;
  /** A claim made before this time (ISO) has expired: its key is free again. */
  expiredBefore: string;
};

export type ClaimOutcome =
  | { outcome: "created" | "replayed"; record: PredictionRecord }
  | { outcome: "mismatch"; record?: undefined };

export type Ancestor = { id: string; record: PredictionRecord | undefined };

/** updated; missing: no such prediction; refused: the status move is not allowed from where it stands. */
export type UpdateOutcome = "updated" | "missing" | "refused";
