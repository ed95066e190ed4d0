import type { ReactNode } from "react";
import { formatSeconds } from "@/lib/view/format";
import { type RunStatus, StatusBadge } from "./status-badge";

type Props = {
  status: RunStatus;
  elapsedMs: number | null;
  prompt: string;
  summary?: ReactNode;
  headerAction?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
};

/** The shell every run shares, from "submitting" to done: status, time, prompt, body, actions. */
export function RunCardFrame({ status, elapsedMs, prompt, summary, headerAction, children, footer }: Props) {
  const done = status === "completed" || status === "failed";
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
          {elapsedMs === null ? "" : done ? `in ${formatSeconds(elapsedMs)}` : formatSeconds(elapsedMs)}
        </span>
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
