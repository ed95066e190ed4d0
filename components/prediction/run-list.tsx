"use client";

import { RunSequence } from "@/components/gallery/lightbox-context";
import { Button } from "@/components/ui/button";
import { lazyPart } from "@/components/ui/lazy-part";
import { Skeleton } from "@/components/ui/skeleton";
import { DensityContext, useStoredDensity } from "@/hooks/use-density";
import { useHistory } from "@/hooks/use-history";
import type { Run } from "@/hooks/use-runs";
import type { AnyPredictionRequest } from "@/lib/contract";
import type { HistoryPage } from "@/lib/playground-api";
import type { Density } from "@/lib/playground-names";
import { DensityToggle } from "./density-toggle";
import { PredictionCard } from "./prediction-card";
import type { RunHandlers } from "./run-actions";
import { SessionRunCard } from "./session-run-card";

// Only feeds that hold a sweep load its entry (the mosaic, its progress, its live updates).
const SweepEntry = lazyPart(() => import("@/components/history/sweep-entry").then((module) => module.SweepEntry));

type Props = {
  runs: Run[];
  handlers: RunHandlers;
  onRetry: (key: string, request: AnyPredictionRequest) => void;
  initialHistory?: HistoryPage;
  /** The density the server read from this browser's cookie. */
  initialDensity?: Density;
  onDismiss?: (key: string) => void;
};

/** This tab's runs first (newest on top), then earlier predictions from the server, a sweep as one entry. */
export function RunList({ runs, handlers, onRetry, initialHistory, initialDensity = "comfortable", onDismiss }: Props) {
  const history = useHistory(initialHistory);
  const mine = new Set(runs.map((run) => run.id).filter(Boolean));
  const pages = history.data?.pages ?? [];
  const earlier = pages.flatMap((page) => page.items).filter((item) => !mine.has(item.id));
  const sweeps = Object.assign({}, ...pages.map((page) => page.sweeps)) as HistoryPage["sweeps"];
  const sweepOf = (item: (typeof earlier)[number]) => (item.sweep ? sweeps[item.sweep.id] : undefined);

  // The lightbox moves on from one run to the next in this order.
  const [density, setDensity] = useStoredDensity(initialDensity);
  // Compact: a dense grid of cards whose parameters and actions show on hover or focus.
  const cards =
    density === "compact" ? "grid grid-cols-2 gap-3 [--image-max-h:28svh] sm:grid-cols-3 xl:grid-cols-4" : "flex flex-col gap-4";
  const sequence = [
    ...runs.flatMap((run) => (run.id ? [run.id] : [])),
    ...earlier.filter((item) => !sweepOf(item)).map((item) => item.id),
  ];

  return (
    <RunSequence ids={sequence}>
      <DensityContext value={density}>
        <div className="flex flex-col gap-4" data-density={density} data-testid="run-list">
          {(runs.length > 0 || earlier.length > 0) && (
            <div className="flex justify-end">
              <DensityToggle value={density} onChange={setDensity} />
            </div>
          )}
          {/* Its own box only when there is something in it, so an empty list adds no gap. */}
          <div className={runs.length > 0 ? cards : "contents"} data-testid="session-runs">
            {runs.map((run) => (
              // Focused when a toast leads to a run started from a card further down.
              <div key={run.key} data-run-key={run.key} tabIndex={-1} className="min-w-0 scroll-mt-20 rounded-2xl">
                <SessionRunCard run={run} handlers={handlers} onRetry={onRetry} onDismiss={onDismiss} />
              </div>
            ))}
          </div>
          {runs.length === 0 && !history.isPending && earlier.length === 0 && <EmptyState />}
          {history.isPending && runs.length === 0 && <Skeleton className="h-64 w-full rounded-2xl" />}
          {earlier.length > 0 && (
            <section aria-labelledby="earlier-title" className="flex flex-col gap-4">
              <h2 id="earlier-title" className="mt-2 text-sm font-medium text-fg-muted">
                Earlier
              </h2>
              <div className={cards}>
                {earlier.map((item, position) => {
                  const sweep = sweepOf(item);
                  if (sweep)
                    return (
                      <SweepEntry
                        key={item.id}
                        entry={sweep}
                        createdAt={item.createdAt}
                        className={density === "compact" ? "col-span-2" : ""}
                      />
                    );
                  return (
                    // The newest earlier image is the largest paint when this tab has not run anything yet.
                    <PredictionCard
                      key={item.id}
                      id={item.id}
                      handlers={handlers}
                      fallback={null}
                      priority={position === 0 && runs.length === 0}
                    />
                  );
                })}
              </div>
            </section>
          )}
          {history.hasNextPage && (
            <Button className="self-center" onClick={() => history.fetchNextPage()} disabled={history.isFetchingNextPage}>
              {history.isFetchingNextPage ? "Loading…" : "Load earlier runs"}
            </Button>
          )}
          {history.isError && <p className="text-sm text-danger">Earlier runs could not be loaded: {history.error.message}</p>}
        </div>
      </DensityContext>
    </RunSequence>
  );
}

function EmptyState() {
  return (
    <div className="flex min-h-72 flex-col items-center justify-center gap-2 rounded-2xl border border-dashed border-border p-8 text-center">
      <p className="font-medium">Your images will appear here</p>
      <p className="max-w-sm text-sm text-fg-muted">
        Write a prompt, pick a shape and press Generate. Every run gets its own share page.
      </p>
    </div>
  );
}
