"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { predictionsApi } from "@/lib/browser/predictions-api";
import type { PredictionRequest } from "@/lib/contract";
import type { ParentRefBody } from "@/lib/playground-api";
import { queryKeys } from "./query-keys";
import { storeView } from "./use-prediction-events";

/** A run to submit, and the run it is made from (recorded as its lineage). */
export type SubmitVariables = { request: PredictionRequest; parent?: ParentRefBody | null };

/** POST /api/predictions. Never retried: a lost answer may still have created a prediction. */
export function useSubmitPrediction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ request, parent }: SubmitVariables) => predictionsApi.submit(request, parent),
    retry: false,
    onSuccess: (view) => storeView(client, view),
    // A new run spends from today's budget, and a refused one may mean the figure shown is old.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.budget }),
  });
}
