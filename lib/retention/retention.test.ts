import { describe, expect, it } from "vitest";
import { openEmbeddedStores } from "@/lib/embedded-stores";
import { createTestPredictions, pngOf, submitBody, tempDir, waitForTerminal } from "@/testing/harness";
import { completed, ScriptedEngine } from "@/testing/scripted-engine";
import { Retention } from "./retention";

const DAY = 24 * 60 * 60_000;

async function playground() {
  const png = await pngOf(32, 32);
  const stores = openEmbeddedStores(tempDir());
  const made = createTestPredictions(
    new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]),
    { stores },
  );
  const make = async (prompt: string, parent?: string) => {
    const record = await submitBody(made.service, { prompt }, parent ? { parent: { id: parent, kind: "tweak" } } : {});
    return waitForTerminal(made.service, record.id);
  };
  return { ...made, retention: stores.retention, make };
}

/** Retention as the server runs it, its clock `daysLater` ahead of the runs. */
const retentionOf = (made: Awaited<ReturnType<typeof playground>>, days: number | undefined, daysLater: number) =>
  new Retention(
    { repo: made.retention, remove: (id) => made.service.delete(id), now: () => Date.now() + daysLater * DAY },
    { days, firstAfterMs: 60_000 },
  );

describe("retention", () => {
  it("deletes old finished runs through the UI's delete, and keeps starred and noted runs and their ancestors", async () => {
    const made = await playground();
    const plain = await made.make("a plain run");
    const starred = await made.make("a starred run");
    await made.service.annotate(starred.id, { star: { index: 0, starred: true } });
    const root = await made.make("the root of a chain");
    const middle = await made.make("its middle", root.id);
    const noted = await made.make("its noted end", middle.id);
    await made.service.annotate(noted.id, { note: "keep this chain" });
    const loneRoot = await made.make("a chain nobody marked");
    const loneChild = await made.make("its child", loneRoot.id);

    const retention = retentionOf(made, 30, 31);
    expect(await retention.status()).toMatchObject({ days: 30, expiring: 3, kept: 4, lastPurge: null, nextPurgeAt: null });
    expect(await retention.purge()).toBe(3);

    const gone = [plain, loneRoot, loneChild].map((run) => run.id);
    for (const id of gone) {
      expect(await made.service.find(id)).toBeUndefined();
      // The same delete as the UI's: its files go, and every view hears of it.
      expect(made.seen).toContainEqual(expect.objectContaining({ type: "deleted", id }));
    }
    expect((await made.stores.blobs.listPrefixes()).sort()).toEqual([starred.id, root.id, middle.id, noted.id].sort());
    for (const run of [starred, root, middle, noted]) expect((await made.service.get(run.id)).status).toBe("completed");
    expect(await retention.status()).toMatchObject({ expiring: 0, kept: 4, lastPurge: { deleted: 3 } });
  });

  it("keeps everything younger than RETENTION_DAYS, and everything without it", async () => {
    const made = await playground();
    const run = await made.make("a recent run");
    expect(await retentionOf(made, 30, 29).purge()).toBe(0);
    const unset = retentionOf(made, undefined, 3650);
    expect(await unset.purge()).toBe(0);
    unset.start();
    expect(await unset.status()).toEqual({ days: null, expiring: 0, kept: 0, nextPurgeAt: null, lastPurge: null });
    expect((await made.service.get(run.id)).status).toBe("completed");
  });

  it("plans its first purge shortly after start, then daily", async () => {
    const made = await playground();
    const retention = retentionOf(made, 7, 0);
    retention.start();
    const { nextPurgeAt } = await retention.status();
    expect(Date.parse(nextPurgeAt!) - Date.now()).toBeGreaterThan(50_000);
    expect(Date.parse(nextPurgeAt!) - Date.now()).toBeLessThanOrEqual(60_000);
    retention.stop();
    expect((await retention.status()).nextPurgeAt).toBeNull();
  });
});
