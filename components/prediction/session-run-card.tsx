"use client";

import { GallerySkeleton } from "@/components/gallery/gallery-skeleton";
import { useElapsed } from "@/hooks/use-elapsed";
import type { Run } from "@/hooks/use-runs";
import type { AnyPredictionRequest } from "@/lib/contract";
import { DEFAULTS } from "@/lib/domain";
import { PredictionCard } from "./prediction-card";
import type { RunHandlers } from "./run-actions";
import { RunCardFrame } from "./run-card-frame";
import { RunError } from "./run-error";

type Props = { run: Run; handlers: RunHandlers; onRetry: (key: string, request: AnyPredictionRequest) => void };

/** A run from this tab: being submitted, refused at submit, or tracked by id. */
export function SessionRunCard({ run, handlers, onRetry }: Props) {
  const retry = (request: AnyPredictionRequest) => onRetry(run.key, request);
  const pending = <PendingCard run={run} onRetry={() => retry(run.request)} />;
  if (!run.id) return pending;
  return <PredictionCard id={run.id} handlers={handlers} startedAt={run.startedAt} onRetry={retry} fallback={pending} />;
}

function PendingCard({ run, onRetry }: { run: Run; onRetry: () => void }) {
  const failed = Boolean(run.error);
  const elapsed = useElapsed(run.startedAt, !failed);
  const aspectRatio = run.request.aspect_ratio ?? DEFAULTS.aspect_ratio;
  const count = ("num_images" in run.request ? run.request.num_images : undefined) ?? DEFAULTS.num_images;
  return (
    <RunCardFrame status={failed ? "failed" : "submitting"} elapsedMs={elapsed} prompt={run.request.prompt}>
      {run.error ? (
        <RunError message={run.error.message} onRetry={onRetry} />
      ) : (
        <GallerySkeleton aspectRatio={aspectRatio} count={count} />
      )}
    </RunCardFrame>
  );
}
