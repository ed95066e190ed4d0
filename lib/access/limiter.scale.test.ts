import { expect, it } from "vitest";
import { openTestPostgresStores } from "@/testing/postgres";
import { perMinuteInPostgres } from "./limiter";

it("counts attempts in Postgres, so two instances share one limit per key", async () => {
  const stores = await openTestPostgresStores();
  const [a, b] = [
    perMinuteInPostgres(5, stores.db.poolClient, "submits"),
    perMinuteInPostgres(5, stores.db.poolClient, "submits"),
  ];
  const verdicts = [];
  for (let i = 0; i < 6; i++) verdicts.push(await (i % 2 ? b : a).take("owner"));
  expect(verdicts.slice(0, 5)).toEqual(Array(5).fill({ allowed: true }));
  expect(verdicts[5]).toMatchObject({ allowed: false });
  expect(await a.check("owner")).toMatchObject({ allowed: false });
  // Another kind of counter, or another key, starts afresh.
  expect(await perMinuteInPostgres(5, stores.db.poolClient, "sign-in").take("owner")).toEqual({ allowed: true });
  expect(await a.take("guest")).toEqual({ allowed: true });
  await stores.close();
});
