"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { predictionsApi } from "@/lib/browser/predictions-api";
import type { PredictionRequest } from "@/lib/contract";
import { queryKeys } from "./query-keys";
import { storeView } from "./use-prediction-events";

/** POST /api/predictions. Never retried: a lost answer may still have created a prediction. */
export function useSubmitPrediction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: PredictionRequest) => predictionsApi.submit(request),
    retry: false,
    onSuccess: (view) => storeView(client, view),
    // A new run spends from today's budget, and a refused one may mean the figure shown is old.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.budget }),
  });
}
