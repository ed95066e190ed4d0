import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PAGE_MAX_AGE_MS, type PageStore, type StoredPage } from "./page-store";

type Row = { version: string; body: string; stored_at: number; cache_control: string | null };

/**
 * Pages in a SQLite file of their own beside the data (`DATA_DIR/page-cache.sqlite`): a cache,
 * so it may be deleted at any time, and its writes never wait on the records'. Opened by each part
 * of the process that uses it (the cache handler, the composition root), through WAL.
 */
export class SqlitePageStore implements PageStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(`CREATE TABLE IF NOT EXISTS pages (
      key TEXT PRIMARY KEY,
      version TEXT NOT NULL,
      run_id TEXT NOT NULL,
      stored_at INTEGER NOT NULL,
      cache_control TEXT,
      body TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS pages_run ON pages (run_id);
    CREATE INDEX IF NOT EXISTS pages_stored_at ON pages (stored_at);`);
    this.statements = {
      version: db.prepare<[string], Pick<Row, "version">>("SELECT version FROM pages WHERE key = ?"),
      get: db.prepare<[string], Row>("SELECT version, body, stored_at, cache_control FROM pages WHERE key = ?"),
      put: db.prepare(
        `INSERT INTO pages (key, version, run_id, stored_at, cache_control, body)
         VALUES (@key, @version, @runId, @storedAt, @cacheControl, @body)
         ON CONFLICT (key) DO UPDATE SET version = excluded.version, run_id = excluded.run_id,
           stored_at = excluded.stored_at, cache_control = excluded.cache_control, body = excluded.body`,
      ),
      expire: db.prepare("DELETE FROM pages WHERE stored_at < ?"),
      forget: db.prepare("DELETE FROM pages WHERE run_id IN (SELECT value FROM json_each(?))"),
    };
  }

  static open(dataDir: string): SqlitePageStore {
    fs.mkdirSync(dataDir, { recursive: true });
    return new SqlitePageStore(new Database(path.join(dataDir, "page-cache.sqlite")));
  }

  async version(key: string): Promise<string | undefined> {
    return this.statements.version.get(key)?.version;
  }

  async get(key: string): Promise<(StoredPage & { version: string }) | undefined> {
    const row = this.statements.get.get(key);
    if (!row) return undefined;
    const cacheControl = row.cache_control ? JSON.parse(row.cache_control) : undefined;
    return { version: row.version, body: row.body, storedAt: row.stored_at, cacheControl };
  }

  async put(key: string, runId: string, page: StoredPage): Promise<string> {
    this.statements.expire.run(page.storedAt - PAGE_MAX_AGE_MS);
    const cacheControl = page.cacheControl ? JSON.stringify(page.cacheControl) : null;
    const version = randomUUID();
    this.statements.put.run({ key, version, runId, storedAt: page.storedAt, cacheControl, body: page.body });
    return version;
  }

  async forget(runIds: readonly string[]): Promise<void> {
    if (runIds.length > 0) this.statements.forget.run(JSON.stringify(runIds));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
