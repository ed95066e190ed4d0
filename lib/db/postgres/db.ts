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

/** A pool, a transaction's client, or the migrated database: anything that runs a query. */
export type Queryable = {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<pg.QueryResult<Row>>;
};

// count(*) and other int8 values come back as numbers: every count here is far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * One pool on a Postgres database, migrated before its first query. Opening is synchronous, so
 * the composition root stays so; every query waits for the migrations. Instances that start
 * together take turns on an advisory lock, so each migration runs exactly once.
 */
export class PostgresDb {
  readonly pool: pg.Pool;
  readonly ready: Promise<void>;
  /** Whether the migrations have run: what may be read without waiting for them. */
  migrated = false;

  constructor(readonly options: PostgresOptions) {
    const schema = options.schema ?? "public";
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      types,
      // Every connection works in the one schema.
      options: `-c search_path=${pg.escapeIdentifier(schema)}`,
    });
    // An idle client that loses its server must not take the process down; the next query reconnects.
    this.pool.on("error", () => {});
    this.ready = this.migrate(schema).then(() => {
      this.migrated = true;
    });
    this.ready.catch(() => {});
  }

  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []) {
    await this.ready;
    return this.pool.query<Row>(text, params);
  }

  /** A client for libraries that take a pool (rate-limiter-flexible): their queries also wait for the migrations. */
  readonly poolClient = {
    query: async (query: pg.QueryConfig | string) => {
      await this.ready;
      return this.pool.query(query);
    },
  };

  /** Runs `work` in one transaction on one connection; rolled back if it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private closing?: Promise<void>;

  /** Ends the pool once; repos sharing this database may each close it. */
  close(): Promise<void> {
    this.closing ??= this.ready.catch(() => {}).then(() => this.pool.end());
    return this.closing;
  }

  private async migrate(schema: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
        await applyMigrations(client);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  }
}

async function applyMigrations(client: pg.PoolClient) {
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

/**
 * The shared SQL (lib/db/prediction-rows.ts) names its parameters `@name`, as better-sqlite3
 * takes them; Postgres takes `$1…`. Same statement, positional values.
 */
export function positional(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    let at = order.indexOf(name);
    if (at < 0) at = order.push(name) - 1;
    return `$${at + 1}`;
  });
  return [text, order.map((name) => values[name] ?? null)];
}
