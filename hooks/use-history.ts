"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { predictionsApi } from "@/lib/client/predictions-api";
import { queryKeys } from "./query-keys";
import { storeView } from "./use-prediction-events";

const PAGE_SIZE = 12;

/** Earlier predictions, newest first; each one is also put in its own cache entry for the cards. */
export function useHistory() {
  const client = useQueryClient();
  return useInfiniteQuery({
    queryKey: queryKeys.history,
    queryFn: async ({ pageParam, signal }) => {
      const page = await predictionsApi.list({ cursor: pageParam, limit: PAGE_SIZE }, signal);
      for (const view of page.items) storeView(client, view);
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The list is a snapshot taken at page load; live changes arrive per prediction.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
