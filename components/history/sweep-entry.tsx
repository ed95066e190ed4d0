"use client";

import { SourceBadge } from "@/components/assistant/source-badge";
import { GridIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { NavLink } from "@/components/ui/nav-link";
import { useSweepEntry } from "@/hooks/use-sweep-entry";
import { fieldLabel } from "@/lib/domain";
import type { SweepEntryView } from "@/lib/playground-api";
import { entryProgress } from "@/lib/view/history-sweeps";
import { SweepMosaic } from "./sweep-mosaic";

type Props = {
  entry: SweepEntryView;
  /** When it was started (its first cell's creation). */
  createdAt: string;
  className?: string;
};

/**
 * A sweep (every cell started together) as one entry of the playground's feed and the history: its
 * grid as a mosaic, how far it has come, and the way to its page, where each cell has its own card.
 */
export function SweepEntry({ entry: initial, createdAt, className = "" }: Props) {
  const entry = useSweepEntry(initial);
  const progress = entryProgress(entry);
  const finished = progress.completed + progress.failed + progress.cancelled;
  const swept = entry.axes.map(fieldLabel).join(" × ");
  const counts = [
    `${progress.completed} of ${progress.total} done`,
    ...(progress.failed ? [`${progress.failed} failed`] : []),
    ...(progress.cancelled ? [`${progress.cancelled} cancelled`] : []),
    ...(progress.running ? [`${progress.running} running`] : []),
  ].join(" · ");

  return (
    <article
      data-testid="sweep-entry"
      data-id={entry.id}
      data-done={progress.done}
      className={`relative flex min-w-0 flex-col gap-2.5 rounded-2xl border border-border bg-surface p-3 shadow-sm transition-colors hover:border-fg-muted/40 ${className}`}
    >
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="inline-flex items-center gap-1 rounded-full bg-accent/15 px-2 py-0.5 text-xs font-medium text-accent">
          <GridIcon className="size-3.5" />
          Sweep
        </span>
        <span className="text-xs text-fg-muted tabular-nums">
          {entry.columns} × {entry.rows}
          {swept && ` · ${swept}`}
        </span>
        <SourceBadge view={entry} />
        <LocalTime iso={createdAt} className="ml-auto text-xs text-fg-muted tabular-nums" />
      </header>
      <h3 className="line-clamp-2 text-sm leading-snug font-medium break-words" data-testid="sweep-entry-prompt">
        {entry.prompt}
      </h3>
      <SweepMosaic entry={entry} />
      <div className="flex flex-col gap-1">
        <progress
          value={finished}
          max={progress.total}
          aria-label="Sweep progress"
          className="h-1.5 w-full overflow-hidden rounded-full accent-(--accent)"
        />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p role="status" className="text-xs text-fg-muted tabular-nums" data-testid="sweep-entry-progress">
            {counts}
          </p>
          {/* Stretched over the whole entry, as history cards open their share page. */}
          <NavLink
            href={`/s/${encodeURIComponent(entry.id)}`}
            aria-label={`Open the sweep: ${entry.prompt}`}
            data-testid="sweep-entry-link"
            data-entry-link
            className="text-xs font-medium text-accent outline-none after:absolute after:inset-0 after:rounded-2xl hover:underline focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-accent"
          >
            Open the sweep
          </NavLink>
        </div>
      </div>
    </article>
  );
}
