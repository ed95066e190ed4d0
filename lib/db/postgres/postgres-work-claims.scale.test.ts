import { describe, expect, it } from "vitest";
import { PostgresRunQueue } from "@/lib/runs/postgres-run-queue";
import { freshPostgres, openTestPostgresStores } from "@/testing/postgres";
import { unsentRun } from "@/testing/records";
import { PostgresWorkClaims } from "./postgres-work-claims";

/** Two instances on one fresh schema: each with its repo, its claims and its view of the one line. */
async function twoInstances(leaseMs = 10_000) {
  const options = freshPostgres();
  const open = async (owner: string) => {
    const stores = await openTestPostgresStores(options, owner, leaseMs);
    const claims = new PostgresWorkClaims(stores.db, { owner, leaseMs });
    const queue = new PostgresRunQueue(stores.db, stores.predictions, { owner, leaseMs, placeKey: "key" });
    return { ...stores, claims, queue };
  };
  return Promise.all([open("a"), open("b")]);
}

const sentRun = (id: string) => unsentRun(id, { submitState: "submitted", upstreamId: `up-${id}` });
const expireLeases = (db: { query: (sql: string) => Promise<unknown> }) =>
  db.query("UPDATE predictions SET lease_until = now() - interval '1 second' WHERE lease_until IS NOT NULL");

describe("PostgresWorkClaims", () => {
  it("gives each orphan to exactly one instance, and none that a live lease holds", async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 20; i++) await a.predictions.create(sentRun(`r${i}`));
    expect(await b.claims.claimOrphans()).toEqual([]);
    await expireLeases(a.db);
    const [byA, byB] = await Promise.all([a.claims.claimOrphans(), b.claims.claimOrphans()]);
    expect([...byA, ...byB].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it("an instance that lost its claim can no longer write the run; the new owner can, and holds a place", async () => {
    const [a, b] = await twoInstances();
    await a.predictions.create(sentRun("r1"));
    await expireLeases(a.db);
    expect(await b.claims.claimOrphans()).toEqual(["r1"]);
    expect(await b.claims.holds("r1")).toBe(true);
    expect(await a.claims.holds("r1")).toBe(false);
    expect(await a.predictions.update("r1", { status: "processing" })).toBe("refused");
    expect(await b.predictions.update("r1", { status: "processing" })).toBe("updated");
    // Taken over while already upstream: it holds a place there at once.
    await b.predictions.create(unsentRun("r2"));
    expect(await b.queue.take(1)).toEqual({ taken: [], waiting: 1 });
    await Promise.all([a.close(), b.close()]);
  });

  it("a run taken from the line but never sent goes back to its place when its instance stops; never sent twice", async () => {
    const [a, b] = await twoInstances();
    for (const id of ["r1", "r2"]) await a.predictions.create(unsentRun(id));
    expect((await a.queue.take(1)).taken).toEqual(["r1"]);
    await expireLeases(a.db);
    // Not an orphan to take over (nothing was sent): back in the line, first.
    expect(await b.claims.claimOrphans()).toEqual([]);
    expect(await b.queue.position("r1")).toBe(1);
    expect((await b.queue.take(1)).taken).toEqual(["r1"]);
    // A wakes up and tries to send it: its claim is gone, so the point of no return refuses it.
    expect(await a.predictions.update("r1", { submitState: "submitting" })).toBe("refused");
    expect(await b.predictions.update("r1", { submitState: "submitting" })).toBe("updated");
    await Promise.all([a.close(), b.close()]);
  });

  it("renewing keeps a lease alive; releasing hands sent runs over and unsent ones back to the line at once", async () => {
    const [a, b] = await twoInstances(300);
    await a.predictions.create(sentRun("r1"));
    await a.predictions.create(unsentRun("r2"));
    expect((await a.queue.take(5)).taken).toEqual(["r2"]);
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await a.claims.renew()).toBe(2);
    }
    expect(await b.claims.claimOrphans()).toEqual([]);
    await a.claims.releaseAll();
    expect(await b.claims.claimOrphans()).toEqual(["r1"]);
    expect(await b.queue.position("r2")).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });
});
