import "server-only";
import { log } from "../../log";
import type { BlobStore } from "../../storage/blob-store";

/**
 * A store, and which first segments of its keys still have an owner: a run (originals,
 * thumbnails), a sweep (grids), either (cards), or an input picture's description (inputs).
 */
export type OwnedStore = { name: string; store: BlobStore; owned: (prefixes: string[]) => Promise<Set<string>> };

export type StraysConfig = {
  /**
   * How long an object must have been seen without an owner before it goes. Some writers store the
   * object before its owner's row (an import writes every file first, an input picture is stored
   * before its description), so an owner that is merely late must not lose its files.
   */
  graceMs: number;
  /** True when other instances write to these stores too: even at start, an orphan waits out the grace. */
  shared: boolean;
  now?: () => number;
};

/**
 * What a crash, a full disk, or a delete racing a write on another instance leaves behind: half-written
 * files, and objects whose run, sweep or picture is gone, in every store. At start, and then in every
 * maintenance round; an orphan goes once it has been seen as one for the grace.
 */
export class StrayObjects {
  private orphanSince = new Map<string, number>();

  constructor(
    private readonly stores: OwnedStore[],
    private readonly config: StraysConfig,
  ) {}

  /** Half-written files, then orphans: at once when no other instance writes here. Returns how many went. */
  async atStart(): Promise<number> {
    let removed = 0;
    for (const { store } of this.stores) removed += await store.removeIncomplete();
    return removed + (await this.sweep(this.config.shared ? this.config.graceMs : 0));
  }

  /** Removes the objects seen without an owner for `graceMs`; returns how many prefixes went. */
  async sweep(graceMs = this.config.graceMs): Promise<number> {
    const now = (this.config.now ?? Date.now)();
    const stillOrphans = new Map<string, number>();
    let removed = 0;
    for (const { name, store, owned } of this.stores) {
      const prefixes = await store.listPrefixes();
      const kept = prefixes.length > 0 ? await owned(prefixes) : new Set<string>();
      for (const prefix of prefixes) {
        if (kept.has(prefix)) continue;
        const since = this.orphanSince.get(`${name}/${prefix}`) ?? now;
        if (now - since < graceMs) {
          stillOrphans.set(`${name}/${prefix}`, since);
          continue;
        }
        await store.deletePrefix(prefix);
        removed++;
        log.info("removed objects whose owner is gone", { store: name, prefix });
      }
    }
    this.orphanSince = stillOrphans;
    return removed;
  }
}
