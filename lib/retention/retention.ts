import "server-only";
import { isAppError } from "../errors";
import { log } from "../log";
import type { RetentionRepo } from "./retention-repo";

const DAY_MS = 24 * 60 * 60_000;
/** Runs deleted per read of the expired ones: a read, then that many deletes through the service. */
const BATCH = 100;
/** The outlook (counts over every old run) is read at most this often for the Storage panel. */
const OUTLOOK_FRESH_MS = 60_000;

export type RetentionConfig = {
  /** RETENTION_DAYS; undefined keeps everything. */
  days?: number;
  /** The first purge after start (a start must not wait for it), then one a day. */
  firstAfterMs: number;
  everyMs?: number;
};

export type RetentionStatus = {
  days: number | null;
  /** Finished runs past the age that the next purge deletes, and those the rules keep (starred, noted, ancestors). */
  expiring: number;
  kept: number;
  nextPurgeAt: string | null;
  lastPurge: { at: string; deleted: number } | null;
};

/**
 * RETENTION_DAYS: once a day, finished runs older than that are deleted through `remove` (the same
 * delete as the UI's: files, row, events, cached pages), except starred runs, runs with a note,
 * and the ancestors of any run that is kept. Without RETENTION_DAYS nothing is ever deleted.
 */
export class Retention {
  private timer?: NodeJS.Timeout;
  private nextAt?: number;
  private last?: { at: string; deleted: number };
  private outlookRead?: { at: number; figures: Promise<{ expired: number; kept: number }> };
  private purging?: Promise<number>;

  constructor(
    private readonly deps: {
      repo: RetentionRepo;
      remove: (id: string) => Promise<void>;
      /** Told how many runs a purge deleted, so the storage figures can be measured again. */
      purged?: (deleted: number) => void;
      now?: () => number;
    },
    private readonly config: RetentionConfig,
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private cutoff(): string | undefined {
    return this.config.days === undefined ? undefined : new Date(this.now() - this.config.days * DAY_MS).toISOString();
  }

  /** Starts the daily purge; nothing happens without RETENTION_DAYS. */
  start(): void {
    if (this.config.days === undefined || this.timer) return;
    this.plan(this.config.firstAfterMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = undefined;
  }

  private plan(inMs: number): void {
    this.nextAt = this.now() + inMs;
    this.timer = setTimeout(() => {
      void this.purge().finally(() => {
        if (this.timer) this.plan(this.config.everyMs ?? DAY_MS);
      });
    }, inMs);
    // A pending purge must not keep a stopping process alive.
    this.timer.unref();
  }

  /** Deletes every expired run now; returns how many. One purge runs at a time. */
  purge(): Promise<number> {
    this.purging ??= this.purgeAll().finally(() => {
      this.purging = undefined;
    });
    return this.purging;
  }

  private async purgeAll(): Promise<number> {
    const before = this.cutoff();
    if (before === undefined) return 0;
    let deleted = 0;
    try {
      for (;;) {
        const ids = await this.deps.repo.expired(before, BATCH);
        let removed = 0;
        for (const id of ids) if (await this.removeOne(id)) removed++;
        deleted += removed;
        // A batch that removed nothing would come back the same: stop until the next purge.
        if (ids.length < BATCH || removed === 0) break;
      }
    } catch (error) {
      log.warn("the retention purge stopped early; it runs again tomorrow", { deleted, error: String(error) });
    }
    this.last = { at: new Date(this.now()).toISOString(), deleted };
    this.outlookRead = undefined;
    if (deleted > 0) log.info("deleted runs past RETENTION_DAYS", { deleted, days: this.config.days });
    this.deps.purged?.(deleted);
    return deleted;
  }

  /** False when the run could not be deleted; gone already (another instance's purge, a person) counts as done. */
  private async removeOne(id: string): Promise<boolean> {
    try {
      await this.deps.remove(id);
      return true;
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") return true;
      log.warn("retention could not delete a run", { id, error: String(error) });
      return false;
    }
  }

  /** What the Storage panel shows of retention. */
  async status(): Promise<RetentionStatus> {
    const before = this.cutoff();
    const base = {
      days: this.config.days ?? null,
      nextPurgeAt: this.nextAt === undefined ? null : new Date(this.nextAt).toISOString(),
      lastPurge: this.last ?? null,
    };
    if (before === undefined) return { ...base, expiring: 0, kept: 0 };
    const { expired, kept } = await this.outlook(before);
    return { ...base, expiring: expired, kept };
  }

  private outlook(before: string) {
    const fresh = this.outlookRead && this.now() - this.outlookRead.at < OUTLOOK_FRESH_MS;
    if (!fresh) {
      const figures = this.deps.repo.outlook(before);
      figures.catch(() => (this.outlookRead = undefined));
      this.outlookRead = { at: this.now(), figures };
    }
    return this.outlookRead!.figures;
  }
}
