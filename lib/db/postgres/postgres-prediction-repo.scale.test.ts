import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { describePredictionRepoContract } from "@/testing/contracts/prediction-repo";
import { openPostgres } from "./client";
import { PostgresPredictionRepo } from "./postgres-prediction-repo";

const { DATABASE_URL } = inject("scaleEnv");
const schemas: string[] = [];
/** Each repo gets a schema of its own: a fresh, empty database as far as it can tell. */
const freshSchema = () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  schemas.push(schema);
  return schema;
};

afterAll(async () => {
  const client = new pg.Client(DATABASE_URL);
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

describePredictionRepoContract(
  "PostgreSQL",
  async () => new PostgresPredictionRepo(await openPostgres({ connectionString: DATABASE_URL, schema: freshSchema() })),
);

describe("Postgres migrations", () => {
  it("run once when instances start together, taking turns on the advisory lock", async () => {
    const schema = freshSchema();
    const pools = await Promise.all(
      Array.from({ length: 4 }, () => openPostgres({ connectionString: DATABASE_URL, schema, max: 2 })),
    );
    const { rows } = await pools[0].query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((row) => row.version)).toEqual(rows.map((_, index) => index + 1));
    expect(rows.length).toBeGreaterThan(0);
    await Promise.all(pools.map((pool) => pool.end()));
  });
});
