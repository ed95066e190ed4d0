import {
  type HistoryQuery,
  ID_PATTERN,
  MODEL_NAMES,
  type ModelName,
  PREDICTION_STATUSES,
  type PredictionStatus,
} from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";

/** What the history view is narrowed to; kept in its URL so a filtered view can be linked. */
export type HistoryFilters = {
  q: string;
  status?: PredictionStatus;
  /** Only the runs of one model of the family (a local preview counts for the model it stood in for). */
  model?: ModelName;
  /** Only runs with a starred image. */
  starred?: boolean;
  /** Only runs with a note. */
  hasNote?: boolean;
  /** Only one thread: a root and all its descendants. */
  thread?: string;
  /** One entry per thread. */
  grouped?: boolean;
};

export const NO_FILTERS: HistoryFilters = { q: "" };

/** Shared by the server's first page and the browser's later ones; divides into 2, 3 and 4 columns. */
export const HISTORY_PAGE_SIZE = 24;

/** The API caps the search text at 500 characters; a longer link is cut rather than refused. */
const MAX_QUERY_LENGTH = 500;

type QueryReader = { get(name: string): string | null };

/** From `?q=harbour&status=failed&starred=1`; an unknown value means "all", as a hand-edited link deserves. */
export function filtersFromQuery(query: QueryReader): HistoryFilters {
  const filters: HistoryFilters = { q: (query.get("q") ?? "").trim().slice(0, MAX_QUERY_LENGTH) };
  const status = PREDICTION_STATUSES.find((candidate) => candidate === query.get("status"));
  if (status) filters.status = status;
  const model = MODEL_NAMES.find((candidate) => candidate === query.get("model"));
  if (model) filters.model = model;
  if (query.get("starred") === "1") filters.starred = true;
  if (query.get("note") === "1") filters.hasNote = true;
  const thread = query.get("thread");
  if (thread && ID_PATTERN.test(thread)) filters.thread = thread;
  if (query.get("group") === "thread") filters.grouped = true;
  return filters;
}

/** Server components get search params as a record whose values may repeat. */
export function filtersFromRecord(record: Record<string, string | string[] | undefined>): HistoryFilters {
  const first = (name: string) => {
    const value = record[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  return filtersFromQuery({ get: first });
}

/** Only what narrows the view, so the unfiltered history keeps a bare `/history`. Also the API's query. */
export function filtersToQuery(filters: HistoryFilters): URLSearchParams {
  const query = new URLSearchParams();
  const q = filters.q.trim();
  if (q) query.set("q", q);
  if (filters.status) query.set("status", filters.status);
  if (filters.model) query.set("model", filters.model);
  if (filters.starred) query.set("starred", "1");
  if (filters.hasNote) query.set("note", "1");
  if (filters.thread) query.set("thread", filters.thread);
  if (filters.grouped) query.set("group", "thread");
  return query;
}

/**
 * Whether a sweep shows as one entry: always, unless a search or filter narrows the view, which
 * then lists each cell it matches on its own.
 */
export const collapsesSweeps = (filters: HistoryFilters) => !isFiltered(filters);

/** The filters as the service takes them (the server-rendered first page). */
export const historyQueryOf = (filters: HistoryFilters): Omit<HistoryQuery, "limit"> => ({
  search: filters.q.trim() || undefined,
  status: filters.status,
  model: filters.model,
  starred: filters.starred,
  hasNote: filters.hasNote,
  threadId: filters.thread,
  groupByThread: filters.grouped,
  collapseSweeps: collapsesSweeps(filters) || undefined,
});

/** `GET /api/predictions`'s query for a list narrowed by these filters. */
export function historyApiQuery(filters: HistoryFilters): URLSearchParams {
  const query = filtersToQuery(filters);
  if (collapsesSweeps(filters)) query.set("sweeps", "collapse");
  return query;
}

export const historyHref = (filters: HistoryFilters) => {
  const query = filtersToQuery(filters).toString();
  return query ? `/history?${query}` : "/history";
};

export const sameFilters = (a: HistoryFilters, b: HistoryFilters) =>
  filtersToQuery(a).toString() === filtersToQuery(b).toString();

export const isFiltered = (filters: HistoryFilters) => filtersToQuery({ ...filters, grouped: false }).toString() !== "";

/**
 * Whether the server would list this prediction under these filters, so a
 * prediction pushed by the event stream can be placed without asking it.
 * SQLite's LIKE ignores case for ASCII letters only; so does this. In the
 * grouped view only a run that starts a thread of its own is placed.
 */
export function matchesFilters(view: PredictionView, filters: HistoryFilters): boolean {
  if (filters.status && view.status !== filters.status) return false;
  if (filters.model && view.input.model !== filters.model) return false;
  if (filters.starred && !view.outputs.some((output) => output.starred)) return false;
  if (filters.hasNote && view.note === "") return false;
  if (filters.thread && view.threadId !== filters.thread) return false;
  if (filters.grouped && view.threadId !== view.id) return false;
  const q = asciiLower(filters.q.trim());
  return q === "" || asciiLower(view.input.prompt).includes(q) || asciiLower(view.note).includes(q);
}

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
