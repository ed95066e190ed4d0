import { historyPageSchema } from "@/lib/playground-api";
import { fetchJson } from "./fetcher";
import { filtersToQuery, type HistoryFilters } from "./history-filters";

/**
 * One page of `GET /api/predictions`, narrowed by the history view's filters.
 * (predictionsApi.list takes no filters; the playground's "Earlier" list needs none.)
 */
export function fetchHistoryPage(filters: HistoryFilters, page: { cursor?: string; limit: number }, signal?: AbortSignal) {
  const query = filtersToQuery(filters);
  if (page.cursor) query.set("cursor", page.cursor);
  query.set("limit", String(page.limit));
  return fetchJson(`/api/predictions?${query}`, historyPageSchema, { signal });
}
