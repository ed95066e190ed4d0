import { expect, it } from "vitest";
import type { EngineState } from "@/lib/engines/types";
import { freshPostgres, openTestPostgresStores } from "@/testing/postgres";
import { PostgresEarlyDeliveries } from "./postgres-early-deliveries";

const completed: EngineState = {
  status: "completed",
  outputs: [{ kind: "url", url: "https://cdn.example/0.jpg", nsfw: false }],
  error: "",
  inferenceMs: 900,
};

it("keeps a webhook one instance received for the instance that takes it, once", async () => {
  const options = freshPostgres();
  const [a, b] = await Promise.all([openTestPostgresStores(options, "a"), openTestPostgresStores(options, "b")]);
  const [onA, onB] = [new PostgresEarlyDeliveries(a.db), new PostgresEarlyDeliveries(b.db)];
  expect(onA.shared).toBe(true);
  await onA.hold("task-1", completed);
  await onA.hold("task-1", { ...completed, inferenceMs: 950 });
  expect(await onB.take("task-1")).toEqual({ ...completed, inferenceMs: 950 });
  expect(await onB.take("task-1")).toBeUndefined();
  expect(await onA.take("task-2")).toBeUndefined();
  await Promise.all([a.close(), b.close()]);
});
