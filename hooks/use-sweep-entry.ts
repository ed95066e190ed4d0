"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { eventsStatus } from "@/lib/browser/events-status";
import { sweepsApi } from "@/lib/browser/sweeps-api";
import type { PredictionView, SweepEntryView } from "@/lib/playground-api";
import { entryProgress, sweepEntryOf, withSweepCell } from "@/lib/view/history-sweeps";
import { queryKeys } from "./query-keys";

const PREDICTION_SCOPE = queryKeys.prediction("")[0];
/** While cells run: a slow safety net under the event stream, faster while it is down. */
const POLL_WITH_EVENTS_MS = 10_000;
const POLL_WITHOUT_EVENTS_MS = 2_000;

/**
 * A sweep's entry in a feed, kept live: each of its cells the event stream (or anything else) writes
 * to the cache is folded in, and while cells still run the sweep is read again now and then.
 */
export function useSweepEntry(initial: SweepEntryView): SweepEntryView {
  const client = useQueryClient();
  const key = queryKeys.sweepEntry(initial.id);
  const streaming = useSyncExternalStore(eventsStatus.subscribe, eventsStatus.get, eventsStatus.getServer);

  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== "updated" || event.action.type !== "success") return;
        const view = event.query.state.data as PredictionView | undefined;
        if (event.query.queryKey[0] !== PREDICTION_SCOPE || view?.sweep?.id !== initial.id) return;
        client.setQueryData<SweepEntryView>(key, (entry) => entry && withSweepCell(entry, view));
      }),
    [client, initial.id, key],
  );

  const { data } = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const sweep = await sweepsApi.get(initial.id, signal);
      return sweepEntryOf(sweep.id, sweep.pageUrl, sweep.cells);
    },
    initialData: initial,
    staleTime: (query) => (query.state.data && entryProgress(query.state.data).done ? Number.POSITIVE_INFINITY : 0),
    refetchOnMount: false,
    refetchInterval: (query) => {
      if (!query.state.data || entryProgress(query.state.data).done) return false;
      return streaming ? POLL_WITH_EVENTS_MS : POLL_WITHOUT_EVENTS_MS;
    },
  });
  return data;
}
