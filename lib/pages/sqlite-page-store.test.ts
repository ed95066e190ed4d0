import { describePageStoreContract } from "@/testing/contracts/page-store";
import { tempDir } from "@/testing/harness";
import { SqlitePageStore } from "./sqlite-page-store";

describePageStoreContract("SQLite, two connections to one file", async () => {
  const dir = tempDir();
  return [SqlitePageStore.open(dir), SqlitePageStore.open(dir)];
});
