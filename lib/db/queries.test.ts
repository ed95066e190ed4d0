import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MODEL_ID } from "../contract";
import { tempDir } from "@/testing/harness";
import { openDatabase, type Db } from "./client";
import { MIGRATIONS } from "./migrations";
import { PredictionStore, type EngineName, type StoredOutput } from "./queries";

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function storeAt(file = ":memory:") {
  const db = openDatabase(file);
  open.push(db);
  return { db, store: new PredictionStore(db) };
}

let clock = Date.parse("2026-01-01T00:00:00Z");
function add(store: PredictionStore, id: string, { engine = "wavespeed" as EngineName, prompt = "a fox" } = {}) {
  return store.insert({
    id,
    engine,
    model: MODEL_ID,
    status: "created",
    input: { prompt, aspect_ratio: "1:1", num_images: 2, seed: 7, guidance_scale: 3.5, safety_tolerance: "2" },
    seedRequested: null,
    upstreamId: `up-${id}`,
    submitState: "submitted",
    error: "",
    inferenceMs: 0,
    createdAt: new Date((clock += 1_000)).toISOString(),
    completedAt: null,
  });
}

const outputsOf = (id: string, count: number): StoredOutput[] =>
  Array.from({ length: count }, (_, index) => ({
    index,
    file: `${id}/${index}.png`,
    contentType: "image/png",
    width: 64,
    height: 64,
    bytes: 100,
    nsfw: false,
    sourceUrl: null,
  }));

const finish = (store: PredictionStore, id: string, images: number) =>
  store.complete(id, outputsOf(id, images), { status: "completed", completedAt: new Date(clock).toISOString() });

describe("PredictionStore", () => {
  it("returns from insert exactly what a read gives back", () => {
    const { store } = storeAt();
    const inserted = add(store, "a");
    expect(store.get("a")).toEqual(inserted);
    expect(store.findByUpstreamId("up-a")).toEqual(inserted);
  });

  it("updates without reading back, and says when there was nothing to update", () => {
    const { store } = storeAt();
    add(store, "a");
    expect(store.update("a", { status: "processing" })).toBe(true);
    expect(store.status("a")).toBe("processing");
    expect(store.update("missing", { status: "processing" })).toBe(false);
    expect(store.status("missing")).toBeUndefined();
  });

  it("keeps the image totals as outputs are stored and predictions deleted", () => {
    const { store } = storeAt();
    add(store, "a");
    add(store, "b");
    add(store, "c", { engine: "local" });
    expect(store.imageCounts()).toEqual({ local: 0, wavespeed: 0 });

    expect(finish(store, "a", 2)?.outputs).toHaveLength(2);
    finish(store, "b", 1);
    finish(store, "c", 3);
    expect(store.imageCounts()).toEqual({ local: 3, wavespeed: 3 });

    // Storing the same outputs again replaces them and counts nothing twice.
    finish(store, "a", 2);
    expect(store.imageCounts()).toEqual({ local: 3, wavespeed: 3 });

    expect(store.delete("a")).toBe(true);
    expect(store.delete("c")).toBe(true);
    expect(store.imageCounts()).toEqual({ local: 0, wavespeed: 1 });
  });

  it("pages through history, newest first, with a status filter and a search, without repeats", () => {
    const { store } = storeAt();
    for (let i = 0; i < 9; i++) add(store, `p${i}`, { prompt: i % 3 === 0 ? "a 100% lighthouse" : "a fox" });
    for (const id of ["p1", "p4", "p7"]) finish(store, id, 1);

    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = store.list({ limit: 4, cursor });
      all.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toEqual(["p8", "p7", "p6", "p5", "p4", "p3", "p2", "p1", "p0"]);

    const completed = store.list({ limit: 2, status: "completed" });
    expect(completed.items.map((item) => item.id)).toEqual(["p7", "p4"]);
    const rest = store.list({ limit: 2, status: "completed", cursor: completed.nextCursor! });
    expect(rest).toMatchObject({ items: [{ id: "p1", outputs: [{ index: 0 }] }], nextCursor: null });

    // % in the search is matched literally, not as a wildcard.
    expect(store.list({ limit: 10, search: "100%" }).items.map((item) => item.id)).toEqual(["p6", "p3", "p0"]);
    expect(store.list({ limit: 10, search: "0%l" }).items).toEqual([]);
  });

  it("reads history through indexes in history order, never sorting the table", () => {
    const { db } = storeAt();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join("; ");
    const order = "ORDER BY created_at DESC, id DESC LIMIT 25";
    expect(plan(`SELECT * FROM predictions ${order}`)).toMatch(/USING INDEX predictions_created_at$/);
    expect(plan(`SELECT * FROM predictions WHERE (created_at, id) < ('x', 'y') ${order}`)).toMatch(/SEARCH .* predictions_created_at/);
    expect(plan(`SELECT * FROM predictions WHERE status = 'completed' AND (created_at, id) < ('x', 'y') ${order}`)).toMatch(
      /predictions_status_created_at_id \(status=\? AND \(created_at,id\)<\(\?,\?\)\)$/,
    );
    expect(plan(`SELECT * FROM prediction_outputs WHERE prediction_id = 'a' ORDER BY idx`)).not.toMatch(/TEMP B-TREE|SCAN/);
  });
});

describe("migrations", () => {
  it("bring a database made by the first version up to date, with its totals counted", () => {
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
    for (const [id, engine, images] of [["x", "wavespeed", 4], ["y", "wavespeed", 1], ["z", "local", 2]] as const) {
      insertPrediction.run(id, engine, `2025-01-01T00:00:0${id === "x" ? 1 : 2}Z`, "2025-01-01T00:00:00Z");
      for (let index = 0; index < images; index++) insertOutput.run(id, index);
    }
    old.close();

    const { db, store } = storeAt(file);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(store.imageCounts()).toEqual({ local: 2, wavespeed: 5 });
    expect(store.get("x")?.outputs).toHaveLength(4);
    store.delete("x");
    expect(store.imageCounts()).toEqual({ local: 2, wavespeed: 1 });
  });
});
