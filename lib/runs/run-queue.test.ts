import { describeRunQueueContract } from "@/testing/contracts/run-queue";
import { openDatabase } from "../db/client";
import { SqlitePredictionRepo } from "../db/sqlite-prediction-repo";
import { InProcessRunQueue } from "./run-queue";

describeRunQueueContract("in process, over SQLite", async () => {
  const repo = new SqlitePredictionRepo(openDatabase(":memory:"));
  return { queue: new InProcessRunQueue(repo), repo, close: () => repo.close() };
});
