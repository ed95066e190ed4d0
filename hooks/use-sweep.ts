"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { eventsStatus } from "@/lib/browser/events-status";
import { sweepsApi } from "@/lib/browser/sweeps-api";
import type { PredictionView, SweepRequest, SweepView } from "@/lib/playground-api";
import { newerView } from "@/lib/view/prediction-order";
import { progressOf } from "@/lib/view/sweep-form";
import { queryKeys } from "./query-keys";
import { storeView } from "./use-prediction-events";

const PREDICTION_SCOPE = queryKeys.prediction("")[0];

/** A cell's newer view replaces its older one; a run the sweep did not list yet (a retry) joins it. */
function withCell(sweep: SweepView, view: PredictionView): SweepView {
  const known = sweep.cells.find((cell) => cell.id === view.id);
  if (known) {
    const next = newerView(known, view);
    return next === known ? sweep : { ...sweep, cells: sweep.cells.map((cell) => (cell.id === view.id ? next : cell)) };
  }
  return { ...sweep, cells: [...sweep.cells, view] };
}

/** Of two reads of a sweep, each cell keeps its more advanced view: a late answer never moves one back. */
function mergeSweeps(previous: SweepView | undefined, next: SweepView): SweepView {
  if (!previous) return next;
  return previous.cells.reduce((merged, cell) => withCell(merged, cell), next);
}

/** While cells run: a slow safety net under the event stream, faster while the stream is down. */
const POLL_WITH_EVENTS_MS = 5_000;
const POLL_WITHOUT_EVENTS_MS = 1_000;

/**
 * A sweep, kept live: every cell is also a prediction in the cache, which the event stream
 * (usePredictionEvents) and this tab's stars and notes write to; each change to one of its
 * cells is folded into the sweep. Changes made before the stream opened are caught by a read
 * when it opens, and by polling while cells still run.
 */
export function useSweep(initial: SweepView) {
  const client = useQueryClient();
  const key = queryKeys.sweep(initial.id);
  const streaming = useSyncExternalStore(eventsStatus.subscribe, eventsStatus.get, eventsStatus.getServer);

  useEffect(() => {
    if (streaming) void client.invalidateQueries({ queryKey: queryKeys.sweep(initial.id), exact: true });
  }, [client, initial.id, streaming]);
  useState(() => {
    for (const cell of initial.cells) storeView(client, cell);
  });

  useEffect(() => {
    return client.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success") return;
      const [scope] = event.query.queryKey;
      const view = event.query.state.data as PredictionView | undefined;
      if (scope !== PREDICTION_SCOPE || view?.sweep?.id !== initial.id) return;
      client.setQueryData<SweepView>(key, (sweep) => sweep && withCell(sweep, view));
    });
  }, [client, initial.id, key]);

  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => sweepsApi.get(initial.id, signal),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => {
      const sweep = query.state.data;
      if (!sweep || progressOf(sweep).done) return false;
      return streaming ? POLL_WITH_EVENTS_MS : POLL_WITHOUT_EVENTS_MS;
    },
    structuralSharing: (previous, next) => mergeSweeps(previous as SweepView | undefined, next as SweepView),
  });
}

/** Cancel and Retry failed cells: the answer replaces the sweep, its cells go to the cache. */
export function useSweepActions(id: string) {
  const client = useQueryClient();
  const onSuccess = (sweep: SweepView) => {
    for (const cell of sweep.cells) storeView(client, cell);
    client.setQueryData(queryKeys.sweep(id), sweep);
  };
  const cancel = useMutation({ mutationFn: () => sweepsApi.cancel(id), onSuccess });
  const retry = useMutation({ mutationFn: (confirmedCostUsd?: number) => sweepsApi.retry(id, confirmedCostUsd), onSuccess });
  return { cancel, retry };
}

/** POST /api/sweeps. Never retried: a lost answer may still have started the sweep. */
export function useCreateSweep() {
  return useMutation({ mutationFn: (request: SweepRequest) => sweepsApi.create(request), retry: false });
}
