"use client";

import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { predictionsApi } from "@/lib/browser/predictions-api";
import { selection } from "@/lib/browser/selection";
import { dropView, type LoadedPages } from "@/lib/view/history-list";
import { queryKeys } from "./query-keys";

/** Drops a prediction from every cache that holds it (after a delete here or elsewhere). */
export function forgetPrediction(client: QueryClient, id: string) {
  client.setQueryData<LoadedPages>(queryKeys.history, (data) => data && dropView(data, id));
  client.removeQueries({ queryKey: queryKeys.prediction(id), exact: true });
  selection.forget(id);
}

export function useDeletePrediction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => predictionsApi.remove(id),
    onSuccess: (_nothing, id) => forgetPrediction(client, id),
  });
}
