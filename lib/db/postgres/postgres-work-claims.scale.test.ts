import { describe, expect, it } from "vitest";
import { freshPostgres, openTestPostgresStores } from "@/testing/postgres";
import { testRecord } from "@/testing/records";
import { PostgresWorkClaims } from "./postgres-work-claims";

/** Two instances on one fresh schema: each with its repo (claims what it creates) and its claims. */
async function twoInstances(leaseMs = 10_000) {
  const options = freshPostgres();
  const open = async (owner: string) => {
    const stores = await openTestPostgresStores(options, owner, leaseMs);
    const claims = new PostgresWorkClaims(stores.db, { owner, leaseMs, placeKey: "key" });
    return { ...stores, claims };
  };
  return Promise.all([open("a"), open("b")]);
}

const newRun = (id: string, submitState: "pending" | "submitted" = "pending") => {
  const {
    updatedAt: _,
    outputs: __,
    ...record
  } = testRecord(id, {
    createdAt: new Date(Date.now() + Number(id.replace(/\D/g, "") || 0)).toISOString(),
    submitState,
  });
  return record;
};

describe("PostgresWorkClaims", () => {
  it("never lets more than max runs hold a place upstream, however many instances ask at once", async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 12; i++) await (i % 2 ? a : b).predictions.create(newRun(`r${i}`));
    const asks = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).claims.takePlace(`r${i}`, 3));
    expect((await Promise.all(asks)).filter(Boolean)).toHaveLength(3);
    const { rows } = await a.db.query<{ n: number }>("SELECT count(*) AS n FROM predictions WHERE holds_place");
    expect(rows[0].n).toBe(3);
    await Promise.all([a.close(), b.close()]);
  });

  it("frees a place when its run gives it back, or when the run ends", async () => {
    const [a, b] = await twoInstances();
    for (const id of ["r1", "r2", "r3"]) await a.predictions.create(newRun(id));
    expect(await a.claims.takePlace("r1", 2)).toBe(true);
    expect(await a.claims.takePlace("r2", 2)).toBe(true);
    expect(await a.claims.takePlace("r3", 2)).toBe(false);
    await a.claims.releasePlace("r1");
    expect(await a.claims.takePlace("r3", 2)).toBe(true);
    await a.predictions.update("r2", { status: "failed", error: "x", completedAt: new Date().toISOString() });
    await a.predictions.create(newRun("r4"));
    expect(await a.claims.takePlace("r4", 2)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it("gives each orphan to exactly one instance, and none that a live lease holds", async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 20; i++) await a.predictions.create(newRun(`r${i}`));
    expect(await b.claims.claimOrphans()).toEqual([]);
    await a.db.query("UPDATE predictions SET lease_until = now() - interval '1 second'");
    const [byA, byB] = await Promise.all([a.claims.claimOrphans(), b.claims.claimOrphans()]);
    expect([...byA, ...byB].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it("an instance that lost its claim can no longer write the run; the new owner can", async () => {
    const [a, b] = await twoInstances(200);
    await a.predictions.create(newRun("r1", "submitted"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await b.claims.claimOrphans()).toEqual(["r1"]);
    expect(await b.claims.holds("r1")).toBe(true);
    expect(await a.claims.holds("r1")).toBe(false);
    expect(await a.predictions.update("r1", { status: "processing" })).toBe("refused");
    expect(await b.predictions.update("r1", { status: "processing" })).toBe("updated");
    // Taken over while already upstream: it holds a place there at once.
    const { rows } = await a.db.query<{ holds_place: boolean }>("SELECT holds_place FROM predictions WHERE id = 'r1'");
    expect(rows[0].holds_place).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it("renewing keeps a lease alive; releasing hands every run over at once", async () => {
    const [a, b] = await twoInstances(300);
    await a.predictions.create(newRun("r1"));
    await a.predictions.create(newRun("r2"));
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await a.claims.renew()).toBe(2);
    }
    expect(await b.claims.claimOrphans()).toEqual([]);
    await a.claims.releaseAll();
    expect(await b.claims.claimOrphans()).toEqual(["r1", "r2"]);
    await Promise.all([a.close(), b.close()]);
  });
});
