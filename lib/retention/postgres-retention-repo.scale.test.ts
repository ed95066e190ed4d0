import { PostgresDb } from "@/lib/db/postgres/db";
import { PostgresPredictionRepo } from "@/lib/db/postgres/postgres-prediction-repo";
import { describeRetentionRepoContract } from "@/testing/contracts/retention-repo";
import { freshPostgres } from "@/testing/postgres";
import { PostgresRetentionRepo } from "./postgres-retention-repo";

describeRetentionRepoContract("PostgreSQL", async () => {
  const db = new PostgresDb({ ...freshPostgres(), max: 2 });
  await db.ready;
  return {
    predictions: new PostgresPredictionRepo(db, { owner: "retention-test", leaseMs: 10_000 }),
    retention: new PostgresRetentionRepo(db),
    close: () => db.close(),
  };
});
