"use client";

import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { predictionsApi } from "@/lib/browser/predictions-api";
import type { HistoryPage } from "@/lib/playground-api";
import {
  filtersFromQuery,
  filtersToQuery,
  HISTORY_PAGE_SIZE,
  type HistoryFilters,
  historyApiQuery,
  NO_FILTERS,
  sameFilters,
} from "@/lib/view/history-filters";
import { queryKeys } from "./query-keys";
import { storeView } from "./use-prediction-events";

/**
 * Apart from the playground's own `queryKeys.history` list on purpose: that one
 * is a snapshot taken when the playground loads and is never refetched.
 */
export const historyFeedScope = [...queryKeys.history, "feed"] as const;
/** Keyed by the filters' query string: two filters the server treats alike share one list. */
export const historyFeedKey = (filters: HistoryFilters) => [...historyFeedScope, filtersToQuery(filters).toString()] as const;
export const filtersOfFeedKey = (key: readonly unknown[]): HistoryFilters => {
  const query = key[historyFeedScope.length];
  return typeof query === "string" ? filtersFromQuery(new URLSearchParams(query)) : NO_FILTERS;
};
export const historyTotalsKey = [...queryKeys.history, "totals"] as const;

export type HistoryTotals = HistoryPage["totals"];
/** The first page as the server rendered it, and the filters it was read with. */
export type InitialHistory = { filters: HistoryFilters; page: HistoryPage };

/** The history view's list: filtered, newest first, a page at a time. */
export function useHistoryFeed(filters: HistoryFilters, initial?: InitialHistory) {
  const client = useQueryClient();
  const seed = initial && sameFilters(initial.filters, filters) ? { pages: [initial.page], pageParams: [undefined] } : undefined;
  return useInfiniteQuery({
    queryKey: historyFeedKey(filters),
    queryFn: async ({ pageParam, signal }) => {
      const page = await predictionsApi.list(
        { filters: historyApiQuery(filters), cursor: pageParam, limit: HISTORY_PAGE_SIZE },
        signal,
      );
      for (const view of page.items) storeView(client, view);
      client.setQueryData(historyTotalsKey, page.totals);
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: seed,
    // While a new search loads, the last results stay (dimmed) instead of a flash of skeletons.
    placeholderData: keepPreviousData,
    // Live changes are written in by useHistoryLive; a refetch is only needed after time away.
    staleTime: 30_000,
  });
}

/** Images made so far and what they cost, across the whole history whatever the filters. */
export function useHistoryTotals(initial: HistoryTotals) {
  return useQuery({
    queryKey: historyTotalsKey,
    queryFn: async ({ signal }) => (await predictionsApi.list({ limit: 1 }, signal)).totals,
    initialData: initial,
    staleTime: 30_000,
  });
}
