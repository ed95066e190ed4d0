import pg from "pg";
import { describePageStoreContract } from "@/testing/contracts/page-store";
import { freshPostgres } from "@/testing/postgres";
import { PostgresPageStore } from "./postgres-page-store";

describePageStoreContract("PostgreSQL, two instances on one database", async () => {
  const { connectionString, schema } = freshPostgres();
  const admin = new pg.Client(connectionString);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
  await admin.end();
  const open = () =>
    new PostgresPageStore(new pg.Pool({ connectionString, max: 2, options: `-c search_path=${pg.escapeIdentifier(schema)}` }));
  return [open(), open()];
});
