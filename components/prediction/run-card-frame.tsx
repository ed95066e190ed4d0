"use client";

import type { ReactNode } from "react";
import { useDensity } from "@/hooks/use-density";
import { formatSeconds } from "@/lib/view/format";
import { type RunStatus, StatusBadge } from "./status-badge";

type Props = {
  status: RunStatus;
  elapsedMs: number | null;
  /** How long runs like this one usually take, shown beside the clock while it runs. */
  expectedMs?: number;
  /** A queued run's place in line, 1 next. */
  queuePosition?: number | null;
  prompt: string;
  summary?: ReactNode;
  headerAction?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
};

/**
 * The shell every run shares, from "submitting" to done: status, time, prompt, body, actions. In the
 * compact list the prompt takes one line and the parameters and actions show on hover or focus.
 */
export function RunCardFrame({
  status,
  elapsedMs,
  expectedMs,
  queuePosition,
  prompt,
  summary,
  headerAction,
  children,
  footer,
}: Props) {
  const done = status === "completed" || status === "failed";
  if (useDensity() === "compact")
    return (
      <article
        data-testid="run-card"
        data-status={status}
        className="group relative flex min-w-0 flex-col gap-2 rounded-xl border border-border bg-surface p-2 shadow-sm"
      >
        <span role="status" aria-live="polite" className="self-start">
          <StatusBadge status={status} />
        </span>
        {children}
        {/* Under the picture, across the card's whole width: two lines of the prompt rather than a few words. */}
        <p className="line-clamp-2 text-xs leading-snug break-words" data-testid="run-prompt" title={prompt}>
          {prompt}
        </p>
        {(summary || footer) && (
          <div className="invisible absolute inset-x-0 top-full z-20 -mt-2 flex flex-col gap-2 rounded-b-xl border border-t-0 border-border bg-surface p-2 opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100">
            {summary}
            {footer}
          </div>
        )}
      </article>
    );
  return (
    <article
      data-testid="run-card"
      data-status={status}
      className="flex flex-col gap-3 rounded-2xl border border-border bg-surface p-4 shadow-sm"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {/* Announce status changes, not every tick of the clock. */}
        <span role="status" aria-live="polite">
          <StatusBadge status={status} />
        </span>
        <span className="text-xs text-fg-muted tabular-nums" data-testid="run-elapsed">
          {elapsedMs === null
            ? ""
            : done
              ? `in ${formatSeconds(elapsedMs)}`
              : `${formatSeconds(elapsedMs)}${expectedMs ? ` of about ${formatSeconds(expectedMs)}` : ""}`}
        </span>
        {status === "created" && queuePosition ? (
          <span className="text-xs text-fg-muted tabular-nums" data-testid="run-queue-position">
            {queuePosition === 1 ? "next in line" : `${queuePosition - 1} ahead in the queue`}
          </span>
        ) : null}
        {headerAction && <span className="ml-auto">{headerAction}</span>}
      </header>
      <div className="flex flex-col gap-1">
        <p className="line-clamp-3 text-sm leading-relaxed" data-testid="run-prompt">
          {prompt}
        </p>
        {summary}
      </div>
      {children}
      {footer}
    </article>
  );
}
