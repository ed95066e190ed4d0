import { openDatabase } from "@/lib/db/client";
import { SqlitePredictionRepo } from "@/lib/db/sqlite-prediction-repo";
import { describeRetentionRepoContract } from "@/testing/contracts/retention-repo";
import { SqliteRetentionRepo } from "./sqlite-retention-repo";

describeRetentionRepoContract("SQLite", async () => {
  const db = openDatabase(":memory:");
  return {
    predictions: new SqlitePredictionRepo(db),
    retention: new SqliteRetentionRepo(db),
    close: async () => void db.close(),
  };
});
