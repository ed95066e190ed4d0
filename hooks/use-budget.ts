"use client";

import { useQuery } from "@tanstack/react-query";
import { sessionApi } from "@/lib/browser/session-api";
import { queryKeys } from "./query-keys";

/** Runs elsewhere (another tab, a script) spend from the same budget, so it is read again now and then. */
const REFRESH_MS = 30_000;

/** Today's spend against the daily budget, where images cost money; null when no budget is set. */
export function useBudget(enabled: boolean) {
  const { data } = useQuery({
    queryKey: queryKeys.budget,
    queryFn: ({ signal }) => sessionApi.budget(signal),
    enabled,
    refetchInterval: REFRESH_MS,
  });
  return data?.budget ?? null;
}
