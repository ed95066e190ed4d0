"use client";

import { useCallback, useState } from "react";
import type { AnyPredictionRequest } from "@/lib/contract";
import { AppError, isAppError } from "@/lib/errors";
import type { ParentRefBody } from "@/lib/playground-api";
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

/** The runs of this session, newest first. Several may be in flight at once. */
export function useRuns() {
  const [runs, setRuns] = useState<Run[]>([]);
  const { mutateAsync } = useSubmitPrediction();

  const update = useCallback((key: string, patch: Partial<Run>) => {
    setRuns((current) => current.map((run) => (run.key === key ? { ...run, ...patch } : run)));
  }, []);

  const launch = useCallback(
    (key: string, request: AnyPredictionRequest, parent?: ParentRefBody | null) => {
      mutateAsync({ request, parent }).then(
        (view) => update(key, { id: view.id }),
        (error: unknown) =>
          update(key, { error: isAppError(error) ? error : new AppError("internal", "The prediction could not be submitted") }),
      );
    },
    [mutateAsync, update],
  );

  const submit = useCallback(
    (request: AnyPredictionRequest, parent?: ParentRefBody | null) => {
      const key = nextKey();
      setRuns((current) => [{ key, request, parent, startedAt: Date.now() }, ...current]);
      launch(key, request, parent);
    },
    [launch],
  );

  /** Retry keeps the card where it is (and where it came from) and starts it over. */
  const retry = useCallback(
    (key: string, request: AnyPredictionRequest) => {
      let parent: ParentRefBody | null | undefined;
      setRuns((current) =>
        current.map((run) => {
          if (run.key !== key) return run;
          parent = run.parent;
          return { ...run, request, startedAt: Date.now(), id: undefined, error: undefined };
        }),
      );
      launch(key, request, parent);
    },
    [launch],
  );

  const remove = useCallback((key: string) => setRuns((current) => current.filter((run) => run.key !== key)), []);

  return { runs, submit, retry, remove };
}
