/**
 * Where Next keeps a rendered share page (through cache-handler.ts): one store every instance
 * reads, so a page rendered by one is served by all, and a change forgets it for all at once.
 * SQLite beside the data on one instance (sqlite-page-store.ts), PostgreSQL for several
 * (postgres-page-store.ts); both pass testing/contracts/page-store.ts.
 */
export type StoredPage = {
  /** Next's cached value, serialised by the cache handler. */
  body: string;
  /** When it was rendered (ms since the epoch): Next tells fresh from stale by it. */
  storedAt: number;
  /** The lifetime Next gave it (`revalidate`, `expire`, in seconds), so any instance serves it alike. */
  cacheControl?: { revalidate: number | false; expire: number | undefined };
};

export interface PageStore {
  /** Which page is under `key`: a new version each time one is kept there; undefined when there is none. */
  version(key: string): Promise<string | undefined>;
  get(key: string): Promise<(StoredPage & { version: string }) | undefined>;
  /** Keeps a page of run `runId` under `key`, replacing the one there, and says its version; pages past their lifetime go. */
  put(key: string, runId: string, page: StoredPage): Promise<string>;
  /** Forgets every page of these runs: their next view is rendered afresh. */
  forget(runIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** A page nobody asked for in this long is gone: a minute fresh, then a day served stale (next.config.ts `expireTime`). */
export const PAGE_MAX_AGE_MS = (60 + 86_400) * 1000;
