import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createTestPredictions, pngOf, submitBody, waitForTerminal } from "@/testing/harness";
import { completed, failed, ScriptedEngine } from "@/testing/scripted-engine";
import { expectMaintenanceRemovesOrphans } from "@/testing/strays";
import type { PredictionRepo } from "../db/prediction-repo";
import { createLocalEngine } from "../engines/local";
import { FinalWrites } from "../runs/final-writes";
import type { SpaceReserve } from "../storage/space-reserve";
import { StorageGuard } from "../storage/storage-guard";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const diskFull = () => new Database.SqliteError("database or disk is full", "SQLITE_FULL");
const POLICY = {
  backoff: { baseMs: 1, capMs: 2 },
  maxSubmitAttempts: 1,
  maxPollFailures: 1,
  maxDownloadAttempts: 1,
  maxStoreAttempts: 3,
};

function countingReserve() {
  const reserve = { held: true, releases: 0 } as SpaceReserve & { held: boolean; releases: number };
  reserve.release = async () => {
    const was = reserve.held;
    reserve.held = false;
    if (was) reserve.releases++;
    return was;
  };
  reserve.refill = async () => (reserve.held = true);
  return reserve;
}

describe("final writes", () => {
  it("on a full disk free the reserve, then land", async () => {
    const reserve = countingReserve();
    const writes = new FinalWrites(new StorageGuard("DATA_DIR (/x)", reserve), POLICY, () => false);
    let landed = false;
    await writes.write("a", async () => {
      if (reserve.held) throw diskFull();
      landed = true;
    });
    expect(landed).toBe(true);
    expect(reserve.releases).toBe(1);
    expect(writes.has("a")).toBe(false);
  });

  it("that keep failing are kept, and written by the next reconcile", async () => {
    const writes = new FinalWrites(new StorageGuard("DATA_DIR (/x)"), POLICY, () => false);
    let failuresLeft = 4;
    const write = async () => {
      if (failuresLeft-- > 0) throw diskFull();
    };
    await writes.write("a", write);
    expect(writes.has("a")).toBe(true);
    expect(await writes.retryKept()).toBe(1);
    expect(writes.has("a")).toBe(false);
  });
});

describe("the tracker's reconcile", () => {
  it("picks up an unfinished prediction nothing is working on", async () => {
    const { service, tracker, repo } = createTestPredictions(createLocalEngine());
    cleanups.push(() => service.close());
    const record = await submitBody(service, { prompt: "a quiet bay" });
    await waitForTerminal(service, record.id);
    // A row no run tracks, as a crash between storing and tracking would leave it.
    await repo.create({ ...record, id: "f".repeat(32), status: "created", submitState: "pending", completedAt: null, error: "" });
    expect(await tracker.reconcile()).toBe(1);
    expect((await waitForTerminal(service, "f".repeat(32))).status).toBe("completed");
    expect(await tracker.reconcile()).toBe(0);
  });

  it("writes a failure the store refused, without starting the task again", async () => {
    let storeRefuses = true;
    const engine = new ScriptedEngine(() => [failed("task failed (code 1403): boom")]);
    const { service, tracker, repo } = createTestPredictions(engine, { config: { retry: { maxStoreAttempts: 2 } } });
    cleanups.push(() => service.close());
    const update = repo.update.bind(repo);
    (repo as PredictionRepo).update = async (id, patch) => {
      if (storeRefuses && patch.status === "failed") throw diskFull();
      return update(id, patch);
    };

    const record = await submitBody(service, { prompt: "a fox" });
    // The run ends once it has met the failure and could not store it.
    await expect.poll(() => engine.polls.length > 0 && tracker.inFlight === 0, { timeout: 10_000 }).toBe(true);
    expect((await service.get(record.id)).status).not.toBe("failed");

    storeRefuses = false;
    await tracker.reconcile();
    expect(await service.get(record.id)).toMatchObject({ status: "failed", error: "task failed (code 1403): boom" });
    expect(engine.submits).toHaveLength(1);
  });
});

describe("start", () => {
  it("removes half-written files and folders whose prediction is gone, and nothing else", async () => {
    const png = await pngOf(8, 8);
    const first = createTestPredictions(
      new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]),
    );
    const kept = await submitBody(first.service, { prompt: "kept" });
    await waitForTerminal(first.service, kept.id);
    await first.service.files.readThumbnail(kept.id, 0);
    await first.service.close();

    const { dataDir } = first;
    const file = (...parts: string[]) => path.join(dataDir, ...parts);
    fs.writeFileSync(file("images", kept.id, "1.png.6f1c.tmp"), "half");
    for (const folder of ["images", "thumbs"]) {
      fs.mkdirSync(file(folder, "0".repeat(32)), { recursive: true });
      fs.writeFileSync(file(folder, "0".repeat(32), "0.png"), "orphan");
    }

    const second = createTestPredictions(createLocalEngine(), { dataDir });
    cleanups.push(() => second.service.close());
    expect(await second.service.start({ maintenanceMs: 60_000 })).toEqual({ resumed: 0, strays: 3 });
    expect(fs.readdirSync(file("images"))).toEqual([kept.id]);
    expect(fs.readdirSync(file("images", kept.id))).toEqual(["0.png"]);
    expect(fs.readdirSync(file("thumbs"))).toEqual([kept.id]);
  });
});

describe("maintenance", () => {
  it("removes the objects whose run, sweep or picture is gone from every store, and keeps the rest", async () => {
    const png = await pngOf(8, 8);
    const made = createTestPredictions(
      new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]),
    );
    cleanups.push(() => made.service.close());
    await expectMaintenanceRemovesOrphans(made);
  });
});
