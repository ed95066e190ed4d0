"use client";

import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { eventsStatus } from "@/lib/browser/events-status";
import { predictionsApi } from "@/lib/browser/predictions-api";
import { isTerminal } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";
import { newerView } from "@/lib/view/prediction-order";
import { queryKeys } from "./query-keys";

/** Polling is the fallback: every second while the event stream is down, a slow safety net while it is up. */
const POLL_WITHOUT_EVENTS_MS = 1_000;
const POLL_WITH_EVENTS_MS = 5_000;
/** A queued run's place in line moves as others start, which no event announces: it is read again this often. */
const POLL_WHILE_QUEUED_MS = 2_000;

export function usePrediction(id: string, initial?: PredictionView, { enabled = true }: { enabled?: boolean } = {}) {
  const streaming = useSyncExternalStore(eventsStatus.subscribe, eventsStatus.get, eventsStatus.getServer);
  return useQuery({
    queryKey: queryKeys.prediction(id),
    queryFn: ({ signal }) => predictionsApi.get(id, signal),
    initialData: initial,
    enabled,
    // A finished prediction never changes; a running one is kept fresh by events or polling.
    staleTime: (query) => (query.state.data && isTerminal(query.state.data.status) ? Infinity : 0),
    refetchInterval: (query) => {
      const data = query.state.data;
      if (data && isTerminal(data.status)) return false;
      if (query.state.error) return false;
      if (!streaming) return POLL_WITHOUT_EVENTS_MS;
      return data?.status === "created" ? POLL_WHILE_QUEUED_MS : POLL_WITH_EVENTS_MS;
    },
    structuralSharing: (previous, next) => newerView(previous as PredictionView | undefined, next as PredictionView),
    retry: (failures, error) => failures < 3 && !("code" in error && error.code === "not_found"),
  });
}
