"use client";

import { type MutateOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { wasUnanswered } from "@/lib/browser/fetcher";
import { newIdempotencyKey, predictionsApi } from "@/lib/browser/predictions-api";
import type { AnyPredictionRequest } from "@/lib/contract";
import type { ParentRefBody, PredictionView } from "@/lib/playground-api";
import { queryKeys } from "./query-keys";
import { storeView } from "./use-prediction-events";

/** A run to submit, and the run it is made from (recorded as its lineage). */
export type SubmitVariables = { request: AnyPredictionRequest; parent?: ParentRefBody | null };

type Submission = SubmitVariables & { idempotencyKey: string };
type Options = MutateOptions<PredictionView, Error, Submission>;

/**
 * POST /api/predictions, with one Idempotency-Key per click. The key makes resending safe: when no
 * answer came (the connection dropped, the server was unreachable), the same submit goes again with
 * the same key, and the server answers the prediction it may already have made instead of making a
 * second. An answer, even an error, is shown as it is.
 */
export function useSubmitPrediction() {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ request, parent, idempotencyKey }: Submission) => predictionsApi.submit(request, idempotencyKey, parent),
    retry: (failures, error) => failures < 2 && wasUnanswered(error),
    onSuccess: (view) => storeView(client, view),
    // A new run spends from today's budget, and a refused one may mean the figure shown is old.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.budget }),
  });
  const { mutate, mutateAsync } = mutation;
  return {
    ...mutation,
    mutate: useCallback(
      (variables: SubmitVariables, options?: Options) => mutate({ ...variables, idempotencyKey: newIdempotencyKey() }, options),
      [mutate],
    ),
    mutateAsync: useCallback(
      (variables: SubmitVariables, options?: Options) =>
        mutateAsync({ ...variables, idempotencyKey: newIdempotencyKey() }, options),
      [mutateAsync],
    ),
  };
}
