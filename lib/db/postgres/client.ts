import "server-only";
import pg from "pg";
import { POSTGRES_MIGRATIONS } from "./migrations";

/** An arbitrary constant: the advisory lock every instance takes before migrating. */
const MIGRATION_LOCK = 7_150_331;

export type PostgresOptions = {
  connectionString: string;
  /** Tables live in this schema (tests give each suite a fresh one); `public` by default. */
  schema?: string;
  max?: number;
};

/**
 * A pool on the given database, migrated. Instances that start together take turns on an
 * advisory lock, so each migration runs exactly once.
 */
export async function openPostgres(options: PostgresOptions): Promise<pg.Pool> {
  const schema = options.schema ?? "public";
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    // Every connection works in the one schema.
    options: `-c search_path=${quoteIdentifier(schema)}`,
  });
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(client);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return pool;
}

async function migrate(client: pg.PoolClient) {
  await client.query(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
  );
  const { rows } = await client.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_migrations");
  for (let version = rows[0].version ?? 0; version < POSTGRES_MIGRATIONS.length; version++) {
    await client.query("BEGIN");
    try {
      await client.query(POSTGRES_MIGRATIONS[version]);
      await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version + 1]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  }
}

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
