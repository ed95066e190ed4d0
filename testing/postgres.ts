import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { PostgresDb } from "@/lib/db/postgres/db";
import { PostgresArchiveRepo } from "@/lib/db/postgres/postgres-archive-repo";
import { PostgresInputImageRepo, PostgresUpstreamImageRepo } from "@/lib/db/postgres/postgres-input-image-repo";
import { PostgresPredictionRepo } from "@/lib/db/postgres/postgres-prediction-repo";
import { PostgresSweepRepo } from "@/lib/db/postgres/postgres-sweep-repo";
import { PostgresWebhookDeliveryRepo } from "@/lib/db/postgres/postgres-webhook-delivery-repo";

const schemas: string[] = [];

afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client(inject("scaleEnv").DATABASE_URL);
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  await client.end();
});

/** Connection options for a schema of its own: a fresh, empty database as far as a test can tell. */
export function freshPostgres() {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  schemas.push(schema);
  return { connectionString: inject("scaleEnv").DATABASE_URL, schema };
}

/** Every Postgres repo over one fresh schema, as one instance (`owner`) would open them. */
export async function openTestPostgresStores(
  options = freshPostgres(),
  owner = `instance-${randomBytes(3).toString("hex")}`,
  leaseMs = 10_000,
) {
  const db = new PostgresDb({ ...options, max: 4 });
  await db.ready;
  return {
    db,
    predictions: new PostgresPredictionRepo(db, { owner, leaseMs }),
    sweeps: new PostgresSweepRepo(db),
    archive: new PostgresArchiveRepo(db),
    deliveries: new PostgresWebhookDeliveryRepo(db),
    inputs: new PostgresInputImageRepo(db),
    upstreamImages: new PostgresUpstreamImageRepo(db),
    close: () => db.close(),
  };
}
