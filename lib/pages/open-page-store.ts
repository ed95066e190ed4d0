import path from "node:path";
import pg from "pg";
import type { Env } from "../env";
import type { PageStore } from "./page-store";
import { PostgresPageStore } from "./postgres-page-store";
import { SqlitePageStore } from "./sqlite-page-store";

/** The store the environment chooses: the shared database with DATABASE_URL, else a file in DATA_DIR. */
export function openPageStore(env: Env): PageStore {
  if (!env.DATABASE_URL) return SqlitePageStore.open(path.resolve(env.DATA_DIR));
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 });
  // An idle client that loses its server must not take the process down; the next query reconnects.
  pool.on("error", () => {});
  return new PostgresPageStore(pool);
}
