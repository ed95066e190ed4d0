"use client";

import { type InfiniteData, type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { predictionsApi } from "@/lib/client/predictions-api";
import type { HistoryPage } from "@/lib/playground-api";
import { queryKeys } from "./query-keys";

/** Drops a prediction from every cache that holds it (after a delete here or elsewhere). */
export function forgetPrediction(client: QueryClient, id: string) {
  client.setQueryData<InfiniteData<HistoryPage>>(queryKeys.history, (data) =>
    data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== id) })) },
  );
  client.removeQueries({ queryKey: queryKeys.prediction(id), exact: true });
}

export function useDeletePrediction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => predictionsApi.remove(id),
    onSuccess: (_nothing, id) => forgetPrediction(client, id),
  });
}
