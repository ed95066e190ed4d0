import type { SweepProgress } from "@/lib/domain";

/** n of m cells, with failures and cancellations counted; a bar for the eye, the words for everyone. */
export function SweepProgressBar({ progress }: { progress: SweepProgress }) {
  const finished = progress.completed + progress.failed + progress.cancelled;
  const parts = [
    `${finished} of ${progress.total} cells`,
    progress.failed ? `${progress.failed} failed` : "",
    progress.cancelled ? `${progress.cancelled} cancelled` : "",
    progress.missing ? `${progress.missing} not started` : "",
  ].filter(Boolean);
  const percent = (value: number) => `${(value / progress.total) * 100}%`;
  return (
    <div className="flex flex-col gap-1.5">
      <div
        role="progressbar"
        aria-label="Cells finished"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={finished}
        className="flex h-2 overflow-hidden rounded-full bg-muted"
      >
        <span className="bg-success" style={{ width: percent(progress.completed) }} />
        <span className="bg-danger" style={{ width: percent(progress.failed) }} />
        <span className="bg-fg-muted/50" style={{ width: percent(progress.cancelled) }} />
      </div>
      <p className="text-sm tabular-nums" data-testid="sweep-progress" aria-live="polite">
        {parts.join(" · ")}
        {progress.done ? "" : " · running"}
      </p>
    </div>
  );
}
