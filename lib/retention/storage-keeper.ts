import "server-only";
import type { EventListener } from "../events/event-bus";
import { RunEndings } from "../observability/run-endings";
import type { StorageView } from "../view/storage";
import { Retention } from "./retention";
import type { RetentionRepo } from "./retention-repo";
import { StorageQuota } from "./storage-quota";

/** How often the storage is measured again (a walk of DATA_DIR: file sizes, no contents). */
const MEASURE_EVERY_MS = 10 * 60_000;
/** The first purge comes this long after start, so a start never waits for it. */
const FIRST_PURGE_AFTER_MS = 60_000;

export type StorageKeeperConfig = {
  /** RETENTION_DAYS. */
  retentionDays?: number;
  /** MAX_STORAGE_GB. */
  maxStorageGb?: number;
  /** Where the data lives, in words (`DATA_DIR (/srv/kontext)`, `the S3 bucket …`). */
  location: string;
};

/**
 * Retention and the storage limit together, as the owner's Storage panel shows them: the space the
 * data takes against MAX_STORAGE_GB (refusing new runs past it), and the daily purge of runs past
 * RETENTION_DAYS through the UI's own delete.
 */
export class StorageKeeper {
  readonly quota: StorageQuota;
  readonly retention: Retention;
  private unsubscribe?: () => void;

  constructor(
    private readonly deps: {
      repo: RetentionRepo;
      /** The space the data takes now, in bytes. */
      measure: () => Promise<number>;
      /** The delete a person makes in the UI. */
      remove: (id: string) => Promise<void>;
      subscribe: (listener: EventListener) => () => void;
    },
    config: StorageKeeperConfig,
  ) {
    const gb = config.maxStorageGb;
    this.quota = new StorageQuota({
      measure: deps.measure,
      limitBytes: gb === undefined ? undefined : Math.round(gb * 1e9),
      everyMs: MEASURE_EVERY_MS,
      location: config.location,
    });
    this.retention = new Retention(
      { repo: deps.repo, remove: deps.remove, purged: (deleted) => deleted > 0 && void this.quota.refresh() },
      { days: config.retentionDays, firstAfterMs: FIRST_PURGE_AFTER_MS },
    );
  }

  start(): void {
    this.quota.start();
    this.retention.start();
    // Every completed run any instance stored takes room in what they share.
    const endings = new RunEndings();
    this.unsubscribe ??= this.deps.subscribe((event) => {
      if (event.type !== "updated" || event.record.status !== "completed" || !endings.isEnding(event.record)) return;
      this.quota.added(event.record.outputs.reduce((sum, output) => sum + output.bytes, 0));
    });
  }

  stop(): void {
    this.quota.stop();
    this.retention.stop();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  async view(): Promise<StorageView> {
    const figures = this.quota.figures();
    const status = await this.retention.status();
    return {
      usedBytes: figures?.usedBytes ?? null,
      limitBytes: this.quota.limitBytes ?? null,
      level: figures?.level ?? "ok",
      retentionDays: status.days,
      expiring: status.expiring,
      kept: status.kept,
      nextPurgeAt: status.nextPurgeAt,
      lastPurge: status.lastPurge,
    };
  }
}
