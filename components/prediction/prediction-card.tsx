"use client";

import type { ReactNode } from "react";
import { NoteEditor } from "@/components/annotations/note-editor";
import { SourceBadge } from "@/components/assistant/source-badge";
import { BeforeAfterOnDemand } from "@/components/edit/before-after-on-demand";
import { showsSplit } from "@/components/edit/shows-split";
import { Gallery } from "@/components/gallery/gallery";
import { GallerySkeleton } from "@/components/gallery/gallery-skeleton";
import { LineageChip } from "@/components/lineage/lineage-chip";
import { useDensity } from "@/hooks/use-density";
import { useRunClock } from "@/hooks/use-elapsed";
import { useExpectedDuration } from "@/hooks/use-expected-duration";
import { useHiddenRun } from "@/hooks/use-id-sets";
import { usePrediction } from "@/hooks/use-prediction";
import { dismissedRuns } from "@/lib/browser/id-set-store";
import type { AnyPredictionRequest } from "@/lib/contract";
import { isTerminal } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";
import { requestFromInput } from "@/lib/view/form-values";
import { ParamsSummary } from "./params-list";
import { RunActions, type RunHandlers } from "./run-actions";
import { RunCardFrame } from "./run-card-frame";
import { RunError } from "./run-error";

type Props = {
  id: string;
  handlers: RunHandlers;
  /** Set for this tab's runs, which retry in place; history runs retry as a new run. */
  startedAt?: number;
  onRetry?: (request: AnyPredictionRequest) => void;
  /** What to draw while the first answer is awaited (the request that was sent). */
  fallback: ReactNode;
  /** Load its first image at once and ahead of others. */
  priority?: boolean;
};

export function PredictionCard({ id, handlers, startedAt, onRetry, fallback, priority }: Props) {
  const { data: view, error } = usePrediction(id);
  // A delete waiting out its Undo, or a failed run dismissed.
  const hidden = useHiddenRun(id);
  if (hidden) return null;
  if (!view) {
    // Deleted, here or in another tab: the card goes away.
    if (error && "code" in error && error.code === "not_found") return null;
    return fallback;
  }
  return <LoadedCard view={view} handlers={handlers} startedAt={startedAt} onRetry={onRetry} priority={priority} />;
}

function LoadedCard({ view, handlers, startedAt, onRetry, priority }: { view: PredictionView } & Omit<Props, "id" | "fallback">) {
  const done = isTerminal(view.status);
  const elapsed = useRunClock(view);
  const expectedMs = useExpectedDuration(view);
  const retry = () => (onRetry ?? handlers.submit)(requestFromInput(view.input, view.seedRequested));
  // Compact: the first image stands for the run; the lightbox has the rest.
  const compact = useDensity() === "compact";
  const shown = compact ? { ...view, outputs: view.outputs.slice(0, 1) } : view;

  return (
    <RunCardFrame
      status={view.status}
      elapsedMs={elapsed}
      expectedMs={done ? undefined : expectedMs}
      queuePosition={view.queuePosition}
      prompt={view.input.prompt}
      summary={
        <>
          <ParamsSummary input={view.input} />
          <LineageChip view={view} className="self-start" />
          <SourceBadge view={view} className="self-start" />
        </>
      }
      footer={
        done ? (
          <>
            {view.status === "completed" && <RunActions view={view} handlers={handlers} />}
            <NoteEditor view={view} />
          </>
        ) : null
      }
    >
      {view.status === "failed" ? (
        <RunError
          message={view.error}
          onRetry={retry}
          onEdit={() => handlers.applySettings(view.input, view.id)}
          onDismiss={() => dismissedRuns.add(view.id)}
        />
      ) : view.status === "completed" ? (
        showsSplit(view) ? (
          <BeforeAfterOnDemand view={view} priority={priority} />
        ) : (
          <>
            {view.input.edit && <BeforeAfterOnDemand view={view} />}
            <Gallery view={shown} compact={compact} eager={startedAt !== undefined} priority={priority} />
          </>
        )
      ) : (
        <GallerySkeleton aspectRatio={view.input.aspect_ratio} count={compact ? 1 : view.input.num_images} />
      )}
    </RunCardFrame>
  );
}
