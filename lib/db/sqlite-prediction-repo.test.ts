import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { describeArchiveRepoContract } from "@/testing/contracts/archive-repo";
import { describeIdempotencyContract } from "@/testing/contracts/idempotency";
import { describePredictionRepoContract } from "@/testing/contracts/prediction-repo";
import { describeSweepRepoContract } from "@/testing/contracts/sweep-repo";
import { tempDir } from "@/testing/harness";
import { type Db, openDatabase } from "./client";
import { MIGRATIONS } from "./migrations";
import { SqliteArchiveRepo } from "./sqlite-archive-repo";
import { SqlitePredictionRepo } from "./sqlite-prediction-repo";
import { SqliteSweepRepo } from "./sqlite-sweep-repo";

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function storeAt(file = ":memory:") {
  const db = openDatabase(file);
  open.push(db);
  return { db, store: new SqlitePredictionRepo(db) };
}

describePredictionRepoContract("SQLite", async () => new SqlitePredictionRepo(openDatabase(":memory:")));
describeIdempotencyContract("SQLite", async () => new SqlitePredictionRepo(openDatabase(":memory:")));
describeSweepRepoContract("SQLite", async () => {
  const db = openDatabase(":memory:");
  return { repo: new SqliteSweepRepo(db), close: async () => void db.close() };
});
describeArchiveRepoContract("SQLite", async () => {
  const db = openDatabase(":memory:");
  return {
    archive: new SqliteArchiveRepo(db),
    predictions: new SqlitePredictionRepo(db),
    sweeps: new SqliteSweepRepo(db),
    close: async () => void db.close(),
  };
});

describe("SqlitePredictionRepo", () => {
  it("reads history through indexes in history order, never sorting the table", () => {
    const { db } = storeAt();
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join("; ");
    const order = "ORDER BY created_at DESC, id DESC LIMIT 25";
    expect(plan(`SELECT * FROM predictions ${order}`)).toMatch(/USING INDEX predictions_created_at$/);
    expect(plan(`SELECT * FROM predictions WHERE (created_at, id) < ('x', 'y') ${order}`)).toMatch(
      /SEARCH .* predictions_created_at/,
    );
    expect(plan(`SELECT * FROM predictions WHERE status = 'completed' AND (created_at, id) < ('x', 'y') ${order}`)).toMatch(
      /predictions_status_created_at_id \(status=\? AND \(created_at,id\)<\(\?,\?\)\)$/,
    );
    expect(plan(`SELECT * FROM prediction_outputs WHERE prediction_id = 'a' ORDER BY idx`)).not.toMatch(/TEMP B-TREE|SCAN/);
    // The budget reads one day of rows, and the queue length one index range: neither scans the table.
    expect(
      plan(`SELECT num_images FROM predictions WHERE engine = 'wavespeed' AND created_at >= 'a' AND created_at < 'b'`),
    ).toMatch(/SEARCH .* predictions_created_at/);
    expect(plan(`SELECT COUNT(*) FROM predictions WHERE status IN ('created', 'processing')`)).toMatch(
      /SEARCH .* predictions_status_created_at_id/,
    );
  });
});

describe("migrations", () => {
  it("bring a database made by the first version up to date, with its totals counted", async () => {
    const file = path.join(tempDir(), "playground.sqlite");
    const old = new Database(file);
    old.exec(MIGRATIONS[0]);
    old.pragma("user_version = 1");
    const insertPrediction = old.prepare(
      `INSERT INTO predictions (id, engine, model, status, prompt, aspect_ratio, num_images, seed, guidance_scale,
         safety_tolerance, created_at, updated_at) VALUES (?, ?, 'm', 'completed', 'p', '1:1', 1, 1, 3.5, '2', ?, ?)`,
    );
    const insertOutput = old.prepare(
      `INSERT INTO prediction_outputs (prediction_id, idx, file, content_type, width, height, bytes) VALUES (?, ?, 'f', 'image/png', 1, 1, 1)`,
    );
    for (const [id, engine, images] of [
      ["x", "wavespeed", 4],
      ["y", "wavespeed", 1],
      ["z", "local", 2],
    ] as const) {
      insertPrediction.run(id, engine, `2025-01-01T00:00:0${id === "x" ? 1 : 2}Z`, "2025-01-01T00:00:00Z");
      for (let index = 0; index < images; index++) insertOutput.run(id, index);
    }
    old.close();

    const { db, store } = storeAt(file);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect((await store.imageTotals()).images).toEqual({ local: 2, wavespeed: 5 });
    expect((await store.get("x"))?.outputs).toHaveLength(4);
    // Predictions from before the served options existed read as asked with none.
    expect((await store.get("x"))?.options).toEqual({ syncMode: false, base64Output: false });
    // Runs made before lineage existed each start a thread of their own, with no note and no stars.
    expect(await store.get("x")).toMatchObject({ threadId: "x", lineage: null, note: "", sweep: null });
    expect((await store.get("x"))?.outputs.every((output) => !output.starred)).toBe(true);
    await store.delete("x");
    expect((await store.imageTotals()).images).toEqual({ local: 2, wavespeed: 1 });
  });
});
