"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { predictionsApi } from "@/lib/browser/predictions-api";
import type { HistoryPage } from "@/lib/playground-api";
import { EARLIER_PAGE_SIZE } from "@/lib/playground-names";
import { queryKeys } from "./query-keys";
import { storeView } from "./use-prediction-events";

/** A sweep is one entry in the feed, as in the history. */
const ONE_ENTRY_PER_SWEEP = new URLSearchParams({ sweeps: "collapse" });

/**
 * Earlier predictions, newest first (a sweep as one entry); each one is also put in its own cache entry for the cards.
 * `initialPage`, read by the server, puts the first page in the HTML: its images start loading
 * with the scripts instead of after hydration and a fetch.
 */
export function useHistory(initialPage?: HistoryPage) {
  const client = useQueryClient();
  // Once, before the cards below read their entries.
  useState(() => {
    for (const view of initialPage?.items ?? []) storeView(client, view);
  });
  return useInfiniteQuery({
    queryKey: queryKeys.history,
    queryFn: async ({ pageParam, signal }) => {
      const page = await predictionsApi.list(
        { filters: ONE_ENTRY_PER_SWEEP, cursor: pageParam, limit: EARLIER_PAGE_SIZE },
        signal,
      );
      for (const view of page.items) storeView(client, view);
      return page;
    },
    initialPageParam: undefined as string | undefined,
    initialData: initialPage && { pages: [initialPage], pageParams: [undefined] },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The list is a snapshot taken at page load; live changes arrive per prediction.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
