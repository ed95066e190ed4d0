import { LocalTime } from "@/components/ui/local-time";
import { formatBytes } from "@/lib/view/format";
import { type StorageView, usedPercent } from "@/lib/view/storage";

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? "" : "s"}`;

/**
 * The owner's Storage panel: the space the data takes (against MAX_STORAGE_GB, with a warning past
 * 90 % and the refusal past 100 %), what retention keeps, and when it purges next.
 */
export function StoragePanel({ view }: { view: StorageView }) {
  const percent = usedPercent(view);
  return (
    <section
      aria-labelledby="storage-heading"
      className="flex flex-col gap-2 rounded-lg border border-border bg-surface px-4 py-3 text-sm"
      data-testid="storage-panel"
    >
      <h2 id="storage-heading" className="text-xs font-semibold uppercase tracking-wide text-fg-muted">
        Storage
      </h2>
      <dl className="grid gap-x-8 gap-y-2 sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <dt className="text-xs text-fg-muted">Used</dt>
          <dd data-testid="storage-used">
            <Used view={view} percent={percent} />
          </dd>
        </div>
        <div className="flex flex-col gap-1">
          <dt className="text-xs text-fg-muted">Kept</dt>
          <dd data-testid="storage-kept">
            {view.retentionDays === null
              ? "Every run, until you delete it (RETENTION_DAYS is not set)"
              : `Runs of the last ${plural(view.retentionDays, "day")}; of older ones, ${plural(view.kept, "run")} starred, with a note, or leading to one`}
          </dd>
        </div>
        <div className="flex flex-col gap-1">
          <dt className="text-xs text-fg-muted">Next purge</dt>
          <dd data-testid="storage-next-purge">
            <NextPurge view={view} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * The warning past 90 % of MAX_STORAGE_GB, where the owner looks first (the top of the history); the
 * panel itself says the rest. Nothing while there is room.
 */
export function StorageWarning({ view, panelHref = "#storage-heading" }: { view: StorageView; panelHref?: string }) {
  const percent = usedPercent(view);
  if (view.level === "ok" || percent === null) return null;
  return (
    <p
      role="status"
      className="rounded-xl border border-warning/40 bg-warning/10 px-4 py-2 text-sm"
      data-testid="storage-warning"
    >
      {view.level === "full"
        ? `Storage is full (${percent} % of MAX_STORAGE_GB): new runs are refused until runs are deleted or the limit is raised.`
        : `Storage is ${percent} % full: past 100 % new runs are refused. Delete runs, set RETENTION_DAYS, or raise MAX_STORAGE_GB.`}{" "}
      <a href={panelHref} className="underline">
        Storage
      </a>
    </p>
  );
}

function Used({ view, percent }: { view: StorageView; percent: number | null }) {
  if (view.usedBytes === null) return <>Being measured…</>;
  if (view.limitBytes === null || percent === null)
    return <>{formatBytes(view.usedBytes)} (no limit: MAX_STORAGE_GB is not set)</>;
  return (
    <span className="flex items-center gap-2">
      <meter
        min={0}
        max={view.limitBytes}
        value={Math.min(view.usedBytes, view.limitBytes)}
        high={view.limitBytes * 0.9}
        optimum={0}
        aria-label="Storage used"
        className="h-2 w-24"
      />
      <span className="tabular-nums">
        {formatBytes(view.usedBytes)} of {formatBytes(view.limitBytes)} ({percent} %)
      </span>
    </span>
  );
}

function NextPurge({ view }: { view: StorageView }) {
  if (view.retentionDays === null || view.nextPurgeAt === null) return <>None</>;
  return (
    <>
      <LocalTime iso={view.nextPurgeAt} />, {plural(view.expiring, "run")} past {plural(view.retentionDays, "day")}
      {view.lastPurge && (
        <span className="block text-xs text-fg-muted">
          Last: {plural(view.lastPurge.deleted, "run")} deleted <LocalTime iso={view.lastPurge.at} />
        </span>
      )}
    </>
  );
}
