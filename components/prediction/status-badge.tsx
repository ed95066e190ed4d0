export type RunStatus = "submitting" | "created" | "processing" | "completed" | "failed";

const STYLES: Record<RunStatus, string> = {
  submitting: "bg-muted text-fg-muted",
  created: "bg-muted text-fg",
  processing: "bg-accent/15 text-accent",
  completed: "bg-success/15 text-success",
  failed: "bg-danger/15 text-danger",
};

/** One word per status everywhere (badges, the history filter): a created run is waiting in the queue. */
export const STATUS_WORDS: Record<RunStatus, string> = {
  submitting: "submitting",
  created: "queued",
  processing: "processing",
  completed: "completed",
  failed: "failed",
};

const running = (status: RunStatus) => status === "submitting" || status === "created" || status === "processing";

/** The status word itself is the text (tests and screen readers read it); the dot only decorates. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>
      <span
        aria-hidden="true"
        className={`size-1.5 rounded-full bg-current ${running(status) ? "motion-safe:animate-pulse" : ""}`}
      />
      <span data-testid="run-status" data-status={status}>
        {STATUS_WORDS[status]}
      </span>
    </span>
  );
}

export const isRunning = running;
