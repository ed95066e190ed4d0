"use client";

import { GallerySkeleton } from "@/components/gallery/gallery-skeleton";
import { useElapsed } from "@/hooks/use-elapsed";
import type { Run } from "@/hooks/use-runs";
import type { AnyPredictionRequest } from "@/lib/contract";
import { DEFAULT_MODEL, DEFAULTS } from "@/lib/domain";
import { ParamsSummary } from "./params-list";
import { PredictionCard } from "./prediction-card";
import type { RunHandlers } from "./run-actions";
import { RunCardFrame } from "./run-card-frame";
import { RunError } from "./run-error";

type Props = {
  run: Run;
  handlers: RunHandlers;
  onRetry: (key: string, request: AnyPredictionRequest) => void;
  /** Takes a run refused at submit off this tab's list. */
  onDismiss?: (key: string) => void;
};

/** A run from this tab: being submitted, refused at submit, or tracked by id. */
export function SessionRunCard({ run, handlers, onRetry, onDismiss }: Props) {
  const retry = (request: AnyPredictionRequest) => onRetry(run.key, request);
  const pending = (
    <PendingCard
      run={run}
      onRetry={() => retry(run.request)}
      onEdit={() => handlers.applySettings(inputOf(run.request))}
      onDismiss={onDismiss && (() => onDismiss(run.key))}
    />
  );
  if (!run.id) return pending;
  return <PredictionCard id={run.id} handlers={handlers} startedAt={run.startedAt} onRetry={retry} fallback={pending} />;
}

/** The request with the defaults the server would apply, as a run's parameters read. */
const inputOf = (request: AnyPredictionRequest) => ({
  model: request.model ?? DEFAULT_MODEL,
  prompt: request.prompt,
  aspect_ratio: request.aspect_ratio ?? DEFAULTS.aspect_ratio,
  num_images: ("num_images" in request ? request.num_images : undefined) ?? DEFAULTS.num_images,
  seed: request.seed ?? -1,
  guidance_scale: request.guidance_scale ?? DEFAULTS.guidance_scale,
  safety_tolerance: request.safety_tolerance ?? DEFAULTS.safety_tolerance,
});

type PendingProps = { run: Run; onRetry: () => void; onEdit: () => void; onDismiss?: () => void };

function PendingCard({ run, onRetry, onEdit, onDismiss }: PendingProps) {
  const failed = Boolean(run.error);
  const elapsed = useElapsed(run.startedAt, !failed);
  const input = inputOf(run.request);
  return (
    <RunCardFrame
      status={failed ? "failed" : "submitting"}
      elapsedMs={elapsed}
      prompt={run.request.prompt}
      summary={failed ? <ParamsSummary input={input} /> : undefined}
    >
      {run.error ? (
        <RunError message={run.error.message} onRetry={onRetry} onEdit={onEdit} onDismiss={onDismiss} />
      ) : (
        <GallerySkeleton aspectRatio={input.aspect_ratio} count={input.num_images} />
      )}
    </RunCardFrame>
  );
}
