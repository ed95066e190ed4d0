import { describe, expect, it } from "vitest";
import { describeRunQueueContract } from "@/testing/contracts/run-queue";
import { freshPostgres, openTestPostgresStores } from "@/testing/postgres";
import { unsentRun } from "@/testing/records";
import { PostgresRunQueue } from "./postgres-run-queue";

describeRunQueueContract("PostgreSQL, the table every instance shares", async () => {
  const stores = await openTestPostgresStores(freshPostgres(), "solo");
  const queue = new PostgresRunQueue(stores.db, stores.predictions, { owner: "solo", leaseMs: 10_000, placeKey: "key" });
  return { queue, repo: stores.predictions, close: stores.close };
});

/** Two instances on one fresh schema, sharing the upstream key's places (or each with its own). */
async function twoInstances({ sharedPlaces = true } = {}) {
  const placeKey = sharedPlaces ? "key" : undefined;
  const options = freshPostgres();
  const open = async (owner: string) => {
    const stores = await openTestPostgresStores(options, owner);
    return { ...stores, queue: new PostgresRunQueue(stores.db, stores.predictions, { owner, leaseMs: 10_000, placeKey }) };
  };
  return Promise.all([open("a"), open("b")]);
}

describe("one line across two instances", () => {
  it("is first come, first served whichever instance stored a run or frees a place", async () => {
    const [a, b] = await twoInstances();
    // Stored alternately, B first, as the submits B1, A2, B3, A4 were.
    for (const [instance, id] of [
      [b, "b1"],
      [a, "a2"],
      [b, "b3"],
      [a, "a4"],
    ] as const)
      await instance.predictions.create(unsentRun(id));
    expect(await a.queue.take(1)).toEqual({ taken: ["b1"], waiting: 3 });
    expect(await b.queue.take(2)).toEqual({ taken: ["a2"], waiting: 2 });
    await b.queue.release("a2");
    expect(await a.queue.take(2)).toEqual({ taken: ["b3"], waiting: 1 });
    await a.queue.release("b1");
    expect(await b.queue.take(2)).toEqual({ taken: ["a4"], waiting: 0 });
    await Promise.all([a.close(), b.close()]);
  });

  it("the queue position is the cluster's: the same on every instance", async () => {
    const [a, b] = await twoInstances();
    for (const [instance, id] of [
      [a, "a1"],
      [b, "b2"],
      [a, "a3"],
    ] as const)
      await instance.predictions.create(unsentRun(id));
    for (const instance of [a, b]) {
      expect(await Promise.all(["a1", "b2", "a3"].map((id) => instance.queue.position(id)))).toEqual([1, 2, 3]);
      expect(await instance.queue.waiting()).toBe(3);
    }
    await b.queue.take(1);
    expect(await Promise.all(["a1", "b2", "a3"].map((id) => a.queue.position(id)))).toEqual([undefined, 1, 2]);
    await Promise.all([a.close(), b.close()]);
  });

  it("never gives more than max places, nor one run to two instances, however many take at once", async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 12; i++) await (i % 2 ? a : b).predictions.create(unsentRun(`r${String(i).padStart(2, "0")}`));
    const takes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).queue.take(3)));
    const taken = takes.flatMap((take) => take.taken);
    expect(taken.sort()).toEqual(["r00", "r01", "r02"]);
    const { rows } = await a.db.query<{ n: number }>("SELECT count(*) AS n FROM predictions WHERE holds_place");
    expect(rows[0].n).toBe(3);
    await Promise.all([a.close(), b.close()]);
  });

  it("counts places per instance when they are not the upstream key's (the local engine)", async () => {
    const [a, b] = await twoInstances({ sharedPlaces: false });
    for (let i = 0; i < 4; i++) await a.predictions.create(unsentRun(`r${i}`));
    expect((await a.queue.take(1)).taken).toEqual(["r0"]);
    expect((await a.queue.take(1)).taken).toEqual([]);
    expect((await b.queue.take(1)).taken).toEqual(["r1"]);
    await Promise.all([a.close(), b.close()]);
  });

  it("a cancel on B stops every unsent run, those A stored and the one A took but has not sent", async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 6; i++) await a.predictions.create(unsentRun(`c${i}`));
    expect((await a.queue.take(2)).taken).toEqual(["c0", "c1"]);
    expect(await a.predictions.update("c0", { submitState: "submitting" })).toBe("updated");

    const cells = Array.from({ length: 6 }, (_, i) => `c${i}`);
    expect((await b.queue.cancel(cells, "The sweep was cancelled.")).sort()).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    // A's next step on the run it placed is refused, so it is never sent; the one already sent finishes.
    expect(await a.predictions.update("c1", { submitState: "submitting" })).toBe("refused");
    expect(await a.queue.take(6)).toEqual({ taken: [], waiting: 0 });
    expect(await b.predictions.get("c0")).toMatchObject({ status: "created", submitState: "submitting" });
    await Promise.all([a.close(), b.close()]);
  });
});
