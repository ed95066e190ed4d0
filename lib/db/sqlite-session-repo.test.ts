import { describeSessionRepoContract } from "@/testing/contracts/session-repo";
import { openDatabase } from "./client";
import { SqliteSessionRepo } from "./sqlite-session-repo";

describeSessionRepoContract("SQLite", async () => {
  const db = openDatabase(":memory:");
  return { repo: new SqliteSessionRepo(db), close: async () => void db.close() };
});
