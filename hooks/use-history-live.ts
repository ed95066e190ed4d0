"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { isTerminal, type PredictionStatus } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";
import { containsView, dropView, type LoadedPages, missesSweepOf, placeView } from "@/lib/view/history-pages";
import { queryKeys } from "./query-keys";
import { filtersOfFeedKey, historyFeedScope, historyTotalsKey } from "./use-history-feed";

const PREDICTION_SCOPE = queryKeys.prediction("")[0];

/**
 * Keeps every loaded history list in step with the per-prediction cache, which
 * the event stream (usePredictionEvents), polling and this tab's deletes write
 * to: a changed prediction is replaced or inserted, a deleted one dropped, and
 * the totals refetched when an image was made or removed.
 *
 * Deletions show up as a prediction's cache entry being removed. The cache also
 * removes entries nobody has observed for a while; every entry on screen
 * observes its own (usePrediction), so one removed while the list on screen
 * holds it was deleted.
 */
export function useHistoryLive() {
  const client = useQueryClient();

  useEffect(() => {
    const cache = client.getQueryCache();
    const lastStatus = new Map<string, PredictionStatus>();

    return cache.subscribe((event) => {
      const [scope, id] = event.query.queryKey;
      if (scope !== PREDICTION_SCOPE || typeof id !== "string") return;
      const view = event.query.state.data as PredictionView | undefined;

      if (event.type === "added" && view) lastStatus.set(id, view.status);
      if (event.type === "updated" && event.action.type === "success" && view) {
        const before = lastStatus.get(id);
        lastStatus.set(id, view.status);
        updateFeeds(client, (data, key) => {
          const filters = filtersOfFeedKey(key);
          // A sweep started elsewhere: a read of the list brings its entry (once, however many cells it starts).
          if (missesSweepOf(data, view, filters))
            void client.invalidateQueries({ queryKey: key, exact: true }, { cancelRefetch: false });
          return placeView(data, view, filters);
        });
        if (before && !isTerminal(before) && view.status === "completed") refreshTotals(client);
      }
      if (event.type === "removed") {
        lastStatus.delete(id);
        const listed = cache.findAll({ queryKey: historyFeedScope, type: "active" }).some((feed) => {
          const data = feed.state.data as LoadedPages | undefined;
          return data ? containsView(data, id) : false;
        });
        if (!listed) return;
        updateFeeds(client, (data) => dropView(data, id));
        refreshTotals(client);
      }
    });
  }, [client]);
}

function updateFeeds(client: QueryClient, update: (data: LoadedPages, key: readonly unknown[]) => LoadedPages) {
  for (const feed of client.getQueryCache().findAll({ queryKey: historyFeedScope })) {
    const data = feed.state.data as LoadedPages | undefined;
    if (!data) continue;
    const next = update(data, feed.queryKey);
    if (next !== data) client.setQueryData(feed.queryKey, next);
  }
}

const refreshTotals = (client: QueryClient) => void client.invalidateQueries({ queryKey: historyTotalsKey, exact: true });
