"use client";

import { useEffect, useRef, useState } from "react";
import { ArchiveActions } from "@/components/archive/archive-actions";
import { Button } from "@/components/ui/button";
import { lazyPart } from "@/components/ui/lazy-part";
import { type InitialHistory, useHistoryFeed, useHistoryTotals } from "@/hooks/use-history-feed";
import { useHistoryFilters } from "@/hooks/use-history-filters";
import { useHistoryLive } from "@/hooks/use-history-live";
import { usePredictionEvents } from "@/hooks/use-prediction-events";
import type { HistoryPage, PredictionView } from "@/lib/playground-api";
import { filtersToQuery, isFiltered } from "@/lib/view/history-filters";
import { HistoryEntry } from "./history-entry";
import { HistorySkeleton, historyGridClass } from "./history-skeleton";
import { HistoryToolbar } from "./history-toolbar";
import { HistoryTotals } from "./history-totals";
import { LoadMore } from "./load-more";

// What shows only in some states loads when it does: an empty list, one thread's banner and filmstrip.
const EmptyHistory = lazyPart(() => import("./history-empty").then((module) => module.EmptyHistory));
const NoMatches = lazyPart(() => import("./history-empty").then((module) => module.NoMatches));
const ThreadBanner = lazyPart(() => import("./thread-banner").then((module) => module.ThreadBanner));
const Filmstrip = lazyPart(() => import("@/components/edit/filmstrip").then((module) => module.Filmstrip));
// Only feeds that hold a sweep load its entry (the mosaic, its progress, its live updates).
const SweepEntry = lazyPart(() => import("./sweep-entry").then((module) => module.SweepEntry));

type Props = { initial: InitialHistory; engine: PredictionView["engine"] };

/** Entries in the widest grid's first row, whose thumbnails are the page's first paint. */
const FIRST_ROW = 4;

/** Where keyboard focus goes once the list has changed length: after a delete, or a page loaded by the button. */
type FocusRequest = { index: number; lengthBefore: number };

/** Every prediction, newest first: searchable, filterable, live, a page at a time. */
export function HistoryView({ initial, engine }: Props) {
  usePredictionEvents();
  useHistoryLive();
  const { filters, searchText, setSearchText, setStatus, narrow, searchNow, clear } = useHistoryFilters();
  const feed = useHistoryFeed(filters, initial);
  const totals = useHistoryTotals(initial.page.totals);
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const threadSizes = Object.assign({}, ...(feed.data?.pages.map((page) => page.threadSizes) ?? [])) as Record<string, number>;
  const sweeps = Object.assign({}, ...(feed.data?.pages.map((page) => page.sweeps) ?? [])) as HistoryPage["sweeps"];
  const list = useRef<HTMLUListElement>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);

  useEffect(() => {
    if (!focusRequest || items.length === focusRequest.lengthBefore) return;
    const links = list.current?.querySelectorAll<HTMLElement>("[data-entry-link]") ?? [];
    const target = links[Math.min(focusRequest.index, links.length - 1)] ?? document.getElementById("history-search");
    target?.focus();
    setFocusRequest(null);
  }, [focusRequest, items.length]);

  const stale = feed.isPlaceholderData;
  const more = feed.hasNextPage && !stale;
  const loadNext = () => !feed.isFetchingNextPage && void feed.fetchNextPage();
  // Asked for by the button: the keyboard lands on the first new entry, not below them all.
  const loadNextAndFocus = () => {
    setFocusRequest({ index: items.length, lengthBefore: items.length });
    loadNext();
  };

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">History</h1>
          <p className="text-sm text-fg-muted">Every prediction, newest first. Open one for its share page.</p>
        </div>
        <HistoryTotals totals={totals.data} engine={engine} />
      </header>
      <ArchiveActions filterQuery={Object.fromEntries(filtersToQuery(filters))} />

      <HistoryToolbar
        searchText={searchText}
        filters={filters}
        onSearchText={setSearchText}
        onSearchNow={searchNow}
        onStatus={setStatus}
        onNarrow={narrow}
      />
      {filters.thread && <ThreadBanner thread={filters.thread} onShowAll={() => narrow({ thread: undefined })} />}
      {filters.thread && <Filmstrip views={items} />}

      <section aria-labelledby="history-results-title" className="flex flex-col gap-4">
        <h2 id="history-results-title" className="sr-only">
          Predictions
        </h2>
        <p role="status" className="sr-only">
          {feed.isFetching
            ? ""
            : items.length === 0
              ? "No predictions to show"
              : `${items.length} predictions shown${more ? ", more below" : ""}`}
        </p>
        {feed.isPending ? (
          <HistorySkeleton />
        ) : feed.isError && items.length === 0 ? (
          <ListError message={feed.error.message} onRetry={() => void feed.refetch()} />
        ) : items.length === 0 ? (
          isFiltered(filters) ? (
            <NoMatches onClear={clear} />
          ) : (
            <EmptyHistory />
          )
        ) : (
          <ul
            ref={list}
            aria-busy={stale}
            className={`${historyGridClass} transition-opacity ${stale ? "opacity-60" : ""}`}
            data-testid="history-list"
          >
            {items.map((item, index) =>
              item.sweep && sweeps[item.sweep.id] ? (
                <li key={item.id}>
                  <SweepEntry entry={sweeps[item.sweep.id]!} createdAt={item.createdAt} className="h-full" />
                </li>
              ) : (
                <HistoryEntry
                  key={item.id}
                  item={item}
                  threadSize={threadSizes[item.threadId] ?? 1}
                  grouped={Boolean(filters.grouped)}
                  eager={index < FIRST_ROW}
                  onDeleted={() => setFocusRequest({ index, lengthBefore: items.length })}
                />
              ),
            )}
          </ul>
        )}
        {feed.isFetchNextPageError && (
          <p className="text-center text-sm text-danger">Older predictions could not be loaded: {feed.error?.message}</p>
        )}
        {more && <LoadMore loading={feed.isFetchingNextPage} onLoad={loadNext} onClick={loadNextAndFocus} />}
      </section>
    </div>
  );
}

function ListError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-danger/30 bg-danger/10 px-4 py-3"
    >
      <p className="text-sm text-danger">The history could not be loaded: {message}</p>
      <Button size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
