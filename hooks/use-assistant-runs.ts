"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { PredictionView } from "@/lib/playground-api";
import { NO_FILTERS } from "@/lib/view/history-filters";
import { containsView, type LoadedPages, missesSweepOf, placeView } from "@/lib/view/history-pages";
import { queryKeys } from "./query-keys";

const PREDICTION_SCOPE = queryKeys.prediction("")[0];

/**
 * Puts the runs an AI assistant makes over MCP into the playground's list of earlier runs as the
 * event stream brings them. That list is otherwise a snapshot taken when the page loads (this tab's
 * own runs are listed apart, so a run of its own never shows twice); an assistant's runs are made
 * elsewhere, and the person watching the playground expects to see them arrive; a sweep as its one entry.
 */
export function useAssistantRuns() {
  const client = useQueryClient();

  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== "updated" || event.action.type !== "success") return;
        const [scope, id] = event.query.queryKey;
        if (scope !== PREDICTION_SCOPE || typeof id !== "string") return;
        const view = event.query.state.data as PredictionView | undefined;
        if (!view?.source) return;
        const list = client.getQueryData<LoadedPages>(queryKeys.history);
        if (!list || containsView(list, view.id)) return;
        // A sweep the assistant started is one entry: a read of the list brings it (once, however many cells it starts).
        if (missesSweepOf(list, view, NO_FILTERS))
          void client.invalidateQueries({ queryKey: queryKeys.history, exact: true }, { cancelRefetch: false });
        else client.setQueryData(queryKeys.history, placeView(list, view, NO_FILTERS));
      }),
    [client],
  );
}
