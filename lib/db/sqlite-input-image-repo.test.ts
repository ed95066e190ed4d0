import { openDatabase } from "@/lib/db/client";
import { describeInputImageRepoContract, describeUpstreamImageRepoContract } from "@/testing/contracts/input-image-repo";
import { SqliteInputImageRepo } from "./sqlite-input-image-repo";
import { SqlitePredictionRepo } from "./sqlite-prediction-repo";
import { SqliteUpstreamImageRepo } from "./sqlite-upstream-image-repo";

describeInputImageRepoContract("SQLite", async () => {
  const db = openDatabase(":memory:");
  return { inputs: new SqliteInputImageRepo(db), predictions: new SqlitePredictionRepo(db), close: async () => void db.close() };
});
describeUpstreamImageRepoContract("SQLite", async () => {
  const db = openDatabase(":memory:");
  return { repo: new SqliteUpstreamImageRepo(db), close: async () => void db.close() };
});
