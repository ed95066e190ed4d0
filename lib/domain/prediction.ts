import type { EngineName } from "./engines";
import type { Lineage } from "./lineage";
import type { ModelName } from "./models";
import type { EngineInput } from "./parameters";
import type { RunSource } from "./source";
import type { SweepCellRef } from "./sweep";

/**
 * A prediction as the playground keeps it. Engines, the store, the service and
 * the pages all speak these types; vendor and SQL shapes stop at their modules.
 */

export const PREDICTION_STATUSES = ["created", "processing", "completed", "failed"] as const;
export type PredictionStatus = (typeof PREDICTION_STATUSES)[number];

export const isTerminal = (status: PredictionStatus) => status === "completed" || status === "failed";
/** Where a prediction still has work ahead. */
export const UNFINISHED_STATUSES: readonly PredictionStatus[] = ["created", "processing"];

/**
 * The moves a prediction may make. A status never goes back, and a terminal one
 * never changes: a late poll, webhook or failure cannot undo a result.
 */
const MOVES: Record<PredictionStatus, readonly PredictionStatus[]> = {
  created: ["created", "processing", "completed", "failed"],
  processing: ["processing", "completed", "failed"],
  completed: [],
  failed: [],
};

export const canMove = (from: PredictionStatus, to: PredictionStatus) => MOVES[from].includes(to);

/** The statuses a prediction may be in for a move to `to` to be allowed. */
export const statusesBefore = (to: PredictionStatus) => PREDICTION_STATUSES.filter((from) => canMove(from, to));

/** pending: not sent yet; submitting: sent, answer not stored; submitted: upstream id known. */
export type SubmitState = "pending" | "submitting" | "submitted";

/** One mirrored image of a completed prediction. */
export type StoredOutput = {
  index: number;
  /** Blob key, e.g. `abc123/0.jpg`. */
  file: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
  nsfw: boolean;
  /** Where the engine had it, when it came as a URL. */
  sourceUrl: string | null;
  /** Marked as a favourite. */
  starred: boolean;
};

/**
 * How a client of the served contract asked to be answered: `enable_sync_mode` and
 * `enable_base64_output`. Kept with the prediction, so a later read answers the same way.
 */
export type PredictionOptions = { syncMode: boolean; base64Output: boolean };

export const DEFAULT_PREDICTION_OPTIONS: PredictionOptions = { syncMode: false, base64Output: false };

export type PredictionRecord = {
  id: string;
  engine: EngineName;
  model: string;
  status: PredictionStatus;
  /** The input as sent to the engine: the seed is always concrete. */
  input: EngineInput;
  /** The seed the client asked for; null or -1 asked for a random one. */
  seedRequested: number | null;
  upstreamId: string | null;
  submitState: SubmitState;
  error: string;
  inferenceMs: number;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  outputs: StoredOutput[];
  options: PredictionOptions;
  /** The run this one was made from, and what changed; null for a run made from scratch. */
  lineage: Lineage | null;
  /** The root of its family: itself, or the thread of the run it came from (lib/domain/lineage.ts). */
  threadId: string;
  /** Plain text, up to MAX_NOTE_CHARS. */
  note: string;
  /** Set when the run is a cell of a sweep. */
  sweep: SweepCellRef | null;
  /** Set when an assistant asked for it over MCP; null for the playground's pages and the served API. */
  source: RunSource | null;
};

type Defaulted = "options" | "lineage" | "threadId" | "note" | "sweep" | "source";

/**
 * What a new row needs. Left out: the default options (DEFAULT_PREDICTION_OPTIONS), and a run of
 * its own with no note.
 */
export type NewPrediction = Omit<PredictionRecord, "outputs" | "updatedAt" | Defaulted> &
  Partial<Pick<PredictionRecord, Defaulted>>;

export type PredictionPatch = Partial<
  Pick<PredictionRecord, "status" | "upstreamId" | "submitState" | "error" | "inferenceMs" | "completedAt">
>;

export type HistoryQuery = {
  limit: number;
  /** `created_at|id` of the last row already shown. */
  cursor?: string;
  /** Words in the prompt or the note. */
  search?: string;
  status?: PredictionStatus;
  /** Only the runs of one model of the family (a local run counts for the model it stood in for). */
  model?: ModelName;
  /** Only runs with at least one starred image. */
  starred?: boolean;
  /** Only runs with a note. */
  hasNote?: boolean;
  /** Only the runs of one thread. */
  threadId?: string;
  /** Only the cells of one sweep. */
  sweepId?: string;
  /** One entry per thread: its oldest run still present. */
  groupByThread?: boolean;
  /**
   * One entry per sweep: its oldest cell still present stands for the whole grid. A sweep is the
   * only batch of runs started together (its retried cells join it), so this folds every batch.
   */
  collapseSweeps?: boolean;
};

export type HistoryPageOf<T> = { items: T[]; nextCursor: string | null };

/** Ids as this server makes them (and as an import may bring them): short, URL- and path-safe. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids look like the upstream's: 32 lowercase hex characters. */
export function newPredictionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
