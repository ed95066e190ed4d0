import { PREDICTION_STATUSES, type PredictionStatus } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";

/** What the history view is narrowed to; kept in its URL so a filtered view can be linked. */
export type HistoryFilters = { q: string; status?: PredictionStatus };

export const NO_FILTERS: HistoryFilters = { q: "" };

/** Shared by the server's first page and the browser's later ones; divides into 2, 3 and 4 columns. */
export const HISTORY_PAGE_SIZE = 24;

/** The API caps the search text at 500 characters; a longer link is cut rather than refused. */
const MAX_QUERY_LENGTH = 500;

type QueryReader = { get(name: string): string | null };

/** From `?q=harbour&status=failed`; an unknown status means "all", as a hand-edited link deserves. */
export function filtersFromQuery(query: QueryReader): HistoryFilters {
  const q = (query.get("q") ?? "").trim().slice(0, MAX_QUERY_LENGTH);
  const status = PREDICTION_STATUSES.find((candidate) => candidate === query.get("status"));
  return status ? { q, status } : { q };
}

/** Server components get search params as a record whose values may repeat. */
export function filtersFromRecord(record: Record<string, string | string[] | undefined>): HistoryFilters {
  const first = (name: string) => {
    const value = record[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  return filtersFromQuery({ get: first });
}

/** Only what narrows the view, so the unfiltered history keeps a bare `/history`. */
export function filtersToQuery(filters: HistoryFilters): URLSearchParams {
  const query = new URLSearchParams();
  const q = filters.q.trim();
  if (q) query.set("q", q);
  if (filters.status) query.set("status", filters.status);
  return query;
}

export const historyHref = (filters: HistoryFilters) => {
  const query = filtersToQuery(filters).toString();
  return query ? `/history?${query}` : "/history";
};

export const sameFilters = (a: HistoryFilters, b: HistoryFilters) => a.q.trim() === b.q.trim() && a.status === b.status;

export const isFiltered = (filters: HistoryFilters) => filters.q.trim() !== "" || filters.status !== undefined;

/**
 * Whether the server would list this prediction under these filters, so a
 * prediction pushed by the event stream can be placed without asking it.
 * SQLite's LIKE ignores case for ASCII letters only; so does this.
 */
export function matchesFilters(view: PredictionView, filters: HistoryFilters): boolean {
  if (filters.status && view.status !== filters.status) return false;
  const q = filters.q.trim();
  return q === "" || asciiLower(view.input.prompt).includes(asciiLower(q));
}

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
