import "server-only";
import { AppError } from "../errors";
import { log } from "../log";
import { formatBytes } from "../view/format";
import type { StorageLevel } from "../view/storage";

/** Past this share of MAX_STORAGE_GB the owner is warned. */
export const WARNING_SHARE = 0.9;

export type StorageFigures = { usedBytes: number; limitBytes?: number; level: StorageLevel };

/**
 * How much storage the data takes, against MAX_STORAGE_GB. Measured at start and every `everyMs`
 * (a walk of DATA_DIR, or the sizes the records name on a bucket), and after a purge; between
 * measurements each completed run's images are added as they are stored, so a limit is met promptly.
 * Past 100 %, new runs are refused with a 507; deletes and runs already started go on.
 */
export class StorageQuota {
  private usedAtMeasure?: number;
  private addedSince = 0;
  private timer?: NodeJS.Timeout;
  private measuring?: Promise<void>;
  private lastLevel: StorageLevel = "ok";

  constructor(
    private readonly deps: {
      measure: () => Promise<number>;
      /** MAX_STORAGE_GB in bytes; without it nothing is ever refused. */
      limitBytes?: number;
      everyMs: number;
      /** Where the data lives, for the refusal's words (`DATA_DIR (/srv/kontext)`). */
      location: string;
    },
  ) {}

  get limitBytes(): number | undefined {
    return this.deps.limitBytes;
  }

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.deps.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Measures again; one measurement at a time. */
  refresh(): Promise<void> {
    this.measuring ??= this.measure().finally(() => {
      this.measuring = undefined;
    });
    return this.measuring;
  }

  private async measure(): Promise<void> {
    const pending = this.addedSince;
    try {
      const used = await this.deps.measure();
      // What was added while the walk ran may be counted twice until the next walk: better than not at all.
      this.addedSince -= pending;
      this.usedAtMeasure = used;
      this.noteLevel();
    } catch (error) {
      log.warn("could not measure the storage the data takes", { error: String(error) });
    }
  }

  /** A run's images were stored. */
  added(bytes: number): void {
    this.addedSince += bytes;
    this.noteLevel();
  }

  figures(): StorageFigures | undefined {
    if (this.usedAtMeasure === undefined) return undefined;
    const usedBytes = this.usedAtMeasure + this.addedSince;
    const { limitBytes } = this.deps;
    const level: StorageLevel =
      limitBytes === undefined
        ? "ok"
        : usedBytes >= limitBytes
          ? "full"
          : usedBytes >= limitBytes * WARNING_SHARE
            ? "warning"
            : "ok";
    return { usedBytes, limitBytes, level };
  }

  /** Refuses a new run past the limit (507, the envelope a full disk gets). */
  admit(): void {
    const figures = this.figures();
    if (figures?.level !== "full") return;
    throw new AppError(
      "storage_full",
      `The data in ${this.deps.location} takes ${formatBytes(figures.usedBytes)}, past MAX_STORAGE_GB (${formatBytes(figures.limitBytes!)}), so no new run is started. Delete runs (or set RETENTION_DAYS), or raise MAX_STORAGE_GB.`,
    );
  }

  /** Says so once when the warning or the limit is passed. */
  private noteLevel(): void {
    const figures = this.figures();
    if (!figures || figures.level === this.lastLevel) return;
    this.lastLevel = figures.level;
    const words = { used: formatBytes(figures.usedBytes), limit: formatBytes(figures.limitBytes ?? 0) };
    if (figures.level === "full") log.warn("storage is past MAX_STORAGE_GB: new runs are refused", words);
    else if (figures.level === "warning") log.warn("storage is past 90 % of MAX_STORAGE_GB", words);
  }
}
