"use client";

import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { AnyPredictionRequest } from "@/lib/contract";
import { AppError, isAppError } from "@/lib/errors";
import type { ParentRefBody } from "@/lib/playground-api";
import { queryKeys } from "./query-keys";
import { useSubmitPrediction } from "./use-submit-prediction";

/** One submission made in this tab: waiting for its id, tracking it, or failed to submit. */
export type Run = {
  key: string;
  request: AnyPredictionRequest;
  /** The run it was made from, if any. */
  parent?: ParentRefBody | null;
  /** Browser clock at submit, so the elapsed time does not depend on the server's clock. */
  startedAt: number;
  id?: string;
  error?: AppError;
};

let counter = 0;
const nextKey = () => `run-${Date.now().toString(36)}-${(counter++).toString(36)}`;

const NO_RUNS: Run[] = [];
const readRuns = (client: QueryClient) => client.getQueryData<Run[]>(queryKeys.sessionRuns) ?? NO_RUNS;
/** Cache writes run at once, unlike a state updater: what is read after one is what was written. */
const writeRuns = (client: QueryClient, change: (runs: Run[]) => Run[]) =>
  client.setQueryData<Run[]>(queryKeys.sessionRuns, (current) => change(current ?? NO_RUNS));

/**
 * The runs of this tab, newest first, several in flight at once. They live in the query cache, the
 * one place the browser keeps runs: this list holds only what the server does not know yet (the
 * request as sent, the submit's fate, the order), and each run's state is its own cache entry.
 */
export function useRuns() {
  const client = useQueryClient();
  const { data: runs } = useQuery({
    queryKey: queryKeys.sessionRuns,
    // Nothing to fetch: the list is written by the submits below.
    queryFn: () => readRuns(client),
    initialData: NO_RUNS,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const { mutateAsync } = useSubmitPrediction();

  const launch = useCallback(
    (key: string, request: AnyPredictionRequest, parent?: ParentRefBody | null) => {
      const patch = (change: Partial<Run>) =>
        writeRuns(client, (current) => current.map((run) => (run.key === key ? { ...run, ...change } : run)));
      mutateAsync({ request, parent }).then(
        (view) => patch({ id: view.id }),
        (error: unknown) =>
          patch({ error: isAppError(error) ? error : new AppError("internal", "The prediction could not be submitted") }),
      );
    },
    [client, mutateAsync],
  );

  /** Answers the new run's key, for the card that shows it. */
  const submit = useCallback(
    (request: AnyPredictionRequest, parent?: ParentRefBody | null) => {
      const key = nextKey();
      writeRuns(client, (current) => [{ key, request, parent, startedAt: Date.now() }, ...current]);
      launch(key, request, parent);
      return key;
    },
    [client, launch],
  );

  /** Retry keeps the card where it is (and where it came from) and starts it over. */
  const retry = useCallback(
    (key: string, request: AnyPredictionRequest) => {
      const run = readRuns(client).find((candidate) => candidate.key === key);
      if (!run) return;
      writeRuns(client, (current) =>
        current.map((one) =>
          one.key === key ? { ...one, request, startedAt: Date.now(), id: undefined, error: undefined } : one,
        ),
      );
      launch(key, request, run.parent);
    },
    [client, launch],
  );

  const remove = useCallback((key: string) => writeRuns(client, (current) => current.filter((run) => run.key !== key)), [client]);

  return { runs, submit, retry, remove };
}
