import "server-only";
import { log } from "../log";
import { type Failure, nextTry, type RetryPolicy, sleep } from "../retry";
import { storageProblemOf } from "../storage/storage-errors";
import type { StorageGuard } from "../storage/storage-guard";

type Write = () => Promise<void>;

/**
 * Writes of a prediction's final state (completed, failed), which must land: otherwise the prediction
 * looks unfinished with nothing working on it. A failed write is tried again as lib/retry.ts decides,
 * after freeing the space reserve when the disk is full; one that still fails is kept for `retryKept`,
 * which the tracker's periodic reconcile calls.
 */
export class FinalWrites {
  private readonly kept = new Map<string, Write>();

  constructor(
    private readonly storage: StorageGuard,
    private readonly policy: RetryPolicy,
    private readonly isStopped: () => boolean,
  ) {}

  /** Whether a final write of this prediction is waiting for another try. */
  has(id: string): boolean {
    return this.kept.has(id);
  }

  /** Drops a kept write (its prediction is being deleted). */
  forget(id: string): void {
    this.kept.delete(id);
  }

  async write(id: string, write: Write): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        this.kept.delete(id);
        return;
      } catch (error) {
        const failure: Failure = { kind: storageProblemOf(error) ? "storage_full" : "other" };
        if (failure.kind === "storage_full") await this.storage.makeRoom().catch(() => false);
        const delay = this.isStopped() ? undefined : nextTry("store", failure, attempt, this.policy);
        if (delay === undefined) {
          this.kept.set(id, write);
          log.error("could not store the final state of a prediction; the periodic reconcile tries again", {
            id,
            error: String(error),
          });
          return;
        }
        await sleep(delay);
      }
    }
  }

  /** Tries every kept write again; returns how many there were. */
  async retryKept(): Promise<number> {
    const kept = [...this.kept];
    for (const [id, write] of kept) await this.write(id, write);
    return kept.length;
  }
}
