import { describeSessionRepoContract } from "@/testing/contracts/session-repo";
import { freshPostgres } from "@/testing/postgres";
import { PostgresDb } from "./db";
import { PostgresSessionRepo } from "./postgres-session-repo";

describeSessionRepoContract("PostgreSQL", async () => {
  const db = new PostgresDb({ ...freshPostgres(), max: 2 });
  await db.ready;
  return { repo: new PostgresSessionRepo(db), close: () => db.close() };
});
