import { randomUUID } from "node:crypto";
import type pg from "pg";
import { PAGE_MAX_AGE_MS, type PageStore, type StoredPage } from "./page-store";

/** An arbitrary constant: the advisory lock instances take to create the table, one at a time. */
const CREATE_LOCK = 7_150_332;

type Row = { version: string; body: string; stored_at: string; cache_control: StoredPage["cacheControl"] | null };

/**
 * Pages in the shared PostgreSQL database, so every instance serves the page one of them rendered
 * and a change made through any of them is seen by all at once. A cache: its table is made here
 * when missing (not among the records' migrations) and may be dropped at any time.
 */
export class PostgresPageStore implements PageStore {
  private readonly ready: Promise<void>;

  constructor(private readonly pool: pg.Pool) {
    this.ready = this.createTable();
    this.ready.catch(() => {});
  }

  private async createTable(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [CREATE_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS page_cache (
        key text PRIMARY KEY,
        version text NOT NULL,
        run_id text NOT NULL,
        stored_at bigint NOT NULL,
        cache_control jsonb,
        body text NOT NULL
      )`);
      await client.query("CREATE INDEX IF NOT EXISTS page_cache_run ON page_cache (run_id)");
      await client.query("CREATE INDEX IF NOT EXISTS page_cache_stored_at ON page_cache (stored_at)");
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async query<Row extends pg.QueryResultRow>(text: string, params: unknown[]) {
    await this.ready;
    return this.pool.query<Row>(text, params);
  }

  async version(key: string): Promise<string | undefined> {
    const { rows } = await this.query<Pick<Row, "version">>("SELECT version FROM page_cache WHERE key = $1", [key]);
    return rows[0]?.version;
  }

  async get(key: string): Promise<(StoredPage & { version: string }) | undefined> {
    const { rows } = await this.query<Row>("SELECT version, body, stored_at, cache_control FROM page_cache WHERE key = $1", [
      key,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      version: row.version,
      body: row.body,
      storedAt: Number(row.stored_at),
      cacheControl: row.cache_control ?? undefined,
    };
  }

  async put(key: string, runId: string, page: StoredPage): Promise<string> {
    await this.query("DELETE FROM page_cache WHERE stored_at < $1", [page.storedAt - PAGE_MAX_AGE_MS]);
    const version = randomUUID();
    await this.query(
      `INSERT INTO page_cache (key, version, run_id, stored_at, cache_control, body) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, run_id = EXCLUDED.run_id, stored_at = EXCLUDED.stored_at,
         cache_control = EXCLUDED.cache_control, body = EXCLUDED.body`,
      [key, version, runId, page.storedAt, page.cacheControl ? JSON.stringify(page.cacheControl) : null, page.body],
    );
    return version;
  }

  async forget(runIds: readonly string[]): Promise<void> {
    if (runIds.length > 0) await this.query("DELETE FROM page_cache WHERE run_id = ANY($1)", [runIds]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
