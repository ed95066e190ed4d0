import { describe, expect, it } from "vitest";
import { describeArchiveRepoContract } from "@/testing/contracts/archive-repo";
import { describeIdempotencyContract } from "@/testing/contracts/idempotency";
import { describeInputImageRepoContract, describeUpstreamImageRepoContract } from "@/testing/contracts/input-image-repo";
import { describePredictionRepoContract } from "@/testing/contracts/prediction-repo";
import { describeSweepRepoContract } from "@/testing/contracts/sweep-repo";
import { describeWebhookDeliveryRepoContract } from "@/testing/contracts/webhook-delivery-repo";
import { freshPostgres, openTestPostgresStores } from "@/testing/postgres";
import { PostgresDb } from "./db";

describePredictionRepoContract("PostgreSQL", async () => (await openTestPostgresStores()).predictions);
describeIdempotencyContract("PostgreSQL", async () => (await openTestPostgresStores()).predictions);
describeSweepRepoContract("PostgreSQL", async () => {
  const stores = await openTestPostgresStores();
  return { repo: stores.sweeps, close: stores.close };
});
describeArchiveRepoContract("PostgreSQL", async () => openTestPostgresStores());
describeWebhookDeliveryRepoContract("PostgreSQL", async () => openTestPostgresStores());
describeInputImageRepoContract("PostgreSQL", async () => openTestPostgresStores());
describeUpstreamImageRepoContract("PostgreSQL", async () => {
  const stores = await openTestPostgresStores();
  return { repo: stores.upstreamImages, close: stores.close };
});

describe("Postgres migrations", () => {
  it("run once when instances start together, taking turns on the advisory lock", async () => {
    const options = freshPostgres();
    const dbs = Array.from({ length: 4 }, () => new PostgresDb({ ...options, max: 2 }));
    await Promise.all(dbs.map((db) => db.ready));
    const { rows } = await dbs[0].query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.length).toBeGreaterThan(6);
    expect(rows.map((row) => row.version)).toEqual(rows.map((_, index) => index + 1));
    await Promise.all(dbs.map((db) => db.close()));
  });
});
