"use client";

import { RunSequence } from "@/components/gallery/lightbox-context";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useHistory } from "@/hooks/use-history";
import type { Run } from "@/hooks/use-runs";
import type { PredictionRequest } from "@/lib/contract";
import type { HistoryPage } from "@/lib/playground-api";
import { PredictionCard } from "./prediction-card";
import type { RunHandlers } from "./run-actions";
import { SessionRunCard } from "./session-run-card";

type Props = {
  runs: Run[];
  handlers: RunHandlers;
  onRetry: (key: string, request: PredictionRequest) => void;
  initialHistory?: HistoryPage;
  onDismiss?: (key: string) => void;
};

/** This tab's runs first (newest on top), then earlier predictions from the server. */
export function RunList({ runs, handlers, onRetry, initialHistory, onDismiss }: Props) {
  const history = useHistory(initialHistory);
  const mine = new Set(runs.map((run) => run.id).filter(Boolean));
  const earlier = (history.data?.pages ?? []).flatMap((page) => page.items).filter((item) => !mine.has(item.id));

  // The lightbox moves on from one run to the next in this order.
  const sequence = [...runs.flatMap((run) => (run.id ? [run.id] : [])), ...earlier.map((item) => item.id)];

  return (
    <RunSequence ids={sequence}>
      <div className="flex flex-col gap-4">
        {/* display: contents keeps the cards in the column's flow while tests can tell this tab's runs apart. */}
        <div className="contents" data-testid="session-runs">
          {runs.map((run) => (
            <SessionRunCard key={run.key} run={run} handlers={handlers} onRetry={onRetry} onDismiss={onDismiss} />
          ))}
        </div>
        {runs.length === 0 && !history.isPending && earlier.length === 0 && <EmptyState />}
        {history.isPending && runs.length === 0 && <Skeleton className="h-64 w-full rounded-2xl" />}
        {earlier.length > 0 && (
          <section aria-labelledby="earlier-title" className="flex flex-col gap-4">
            <h2 id="earlier-title" className="mt-2 text-sm font-medium text-fg-muted">
              Earlier
            </h2>
            {earlier.map((item, position) => (
              // The newest earlier image is the largest paint when this tab has not run anything yet.
              <PredictionCard
                key={item.id}
                id={item.id}
                handlers={handlers}
                fallback={null}
                priority={position === 0 && runs.length === 0}
              />
            ))}
          </section>
        )}
        {history.hasNextPage && (
          <Button className="self-center" onClick={() => history.fetchNextPage()} disabled={history.isFetchingNextPage}>
            {history.isFetchingNextPage ? "Loading…" : "Load earlier runs"}
          </Button>
        )}
        {history.isError && <p className="text-sm text-danger">Earlier runs could not be loaded: {history.error.message}</p>}
      </div>
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
