import type { RunRequest } from "../contract";
import type { Ancestor } from "../db/prediction-repo";
import type {
  EngineInput,
  EngineName,
  LineageKind,
  PredictionOptions,
  PredictionRecord,
  RunSource,
  SweepCellRef,
} from "../domain";
import type { DecodedImage } from "../inputs/decode-image";

/** The run a new one is made from, and how (Re-run, Vary seed, …). */
export type ParentRef = { id: string; kind: LineageKind };

/** How a submit of the served contract asked to be answered, where its webhook goes, and who asks. */
export type SubmitExtras = {
  options?: PredictionOptions;
  webhook?: { url: string; baseUrl: string };
  /** Who submits (an owner session, the token, an address): submits are counted per caller. */
  caller?: string;
  /** The request's `Idempotency-Key` header: a resend with the same key gets the first answer's prediction. */
  idempotencyKey?: string | null;
  /** The run this one was made from, and how (re-run, vary seed, settings, tweak, edit). */
  parent?: ParentRef | null;
  /** The base of this server's links as the client sees them: an image URL on it is read from the store. */
  baseUrl?: string;
  /** Who asked, when not the playground's pages or the served API: an assistant over MCP. */
  source?: RunSource | null;
};

/** A parsed request for one run, as the routes, the served API and the assistant's tools hand it over. */
export type { RunRequest };

/** A request made into a run's input: the seed concrete, an edit's images read and checked (not yet stored). */
export type PreparedRun = { input: EngineInput; seedRequested: number | null; images?: DecodedImage[] };

/** A run to start, already validated: from the form, or a sweep's cell. */
export type NewRun = {
  input: EngineInput;
  seedRequested: number | null;
  /** An edit's images as read, stored when the run is created; absent when they are stored already. */
  images?: DecodedImage[];
  parent?: ParentRef | null;
  /** How the served contract asked to be answered, and where its webhook goes. */
  options?: PredictionOptions;
  webhook?: { url: string; baseUrl: string };
  /** A sweep cell without a parent run still has lineage: the kind, and what differs from the sweep's base. */
  sweep?: SweepCellRef & { base: EngineInput };
  /** An assistant over MCP, when one asked for it. */
  source?: RunSource | null;
};

/** One page of history, with the running totals. */
export type History = {
  items: PredictionRecord[];
  nextCursor: string | null;
  totals: { images: Record<EngineName, number>; costUsd: number };
  /** How many runs the threads of this page hold, by thread id. */
  threadSizes: Record<string, number>;
  /** With collapseSweeps: every run of each sweep an entry of this page stands for, by sweep id. */
  sweeps: Record<string, PredictionRecord[]>;
};

/** `thread`: the runs of its thread (up to MAX_THREAD_RUNS), when it has a parent or children; else empty. */
export type Family = { ancestors: Ancestor[]; children: PredictionRecord[]; thread: PredictionRecord[] };

/** A note and a star change: either or both. */
export type Annotation = { note?: string; star?: { index: number; starred: boolean } };
