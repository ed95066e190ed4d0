import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { SWEEP_CELL_CANCELLED } from "@/lib/domain";
import { createLocalEngine } from "@/lib/engines/local";
import { toHistoryPage } from "@/lib/predictions/wire/views";
import { createTestPredictions, pngOf, submitBody, waitForTerminal } from "@/testing/harness";
import { completed, running, ScriptedEngine } from "@/testing/scripted-engine";
import { gridLayout } from "./grid-layout";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const base = { prompt: "a lighthouse on a cliff", aspect_ratio: "1:1", num_images: 1 } as const;
const seedsByGuidance = { x: { field: "seed", values: [11, 22, 33] }, y: { field: "guidance_scale", values: [2, 4, 6] } };

function local(options: { maxSweepCells?: number; maxConcurrency?: number } = {}) {
  const made = createTestPredictions(createLocalEngine(), {
    maxSweepCells: options.maxSweepCells,
    config: { maxConcurrency: options.maxConcurrency ?? 3 },
  });
  cleanups.push(() => made.service.close());
  return made;
}

describe("SweepService", () => {
  it("runs a 3×3 grid of seeds by guidance: one prediction per cell, each with the cell's values and its lineage", async () => {
    const { sweeps, service } = local();
    const { sweep, cells } = await sweeps.create({ base, ...seedsByGuidance });
    expect(sweep.x).toEqual({ field: "seed", values: [11, 22, 33], labels: ["11", "22", "33"] });
    expect(sweep.y?.labels).toEqual(["2.0", "4.0", "6.0"]);
    expect(cells).toHaveLength(9);
    for (const cell of cells) {
      expect(cell.input.seed).toBe([11, 22, 33][cell.sweep!.x]);
      expect(cell.input.guidance_scale).toBe([2, 4, 6][cell.sweep!.y]);
      expect(cell.lineage?.kind).toBe("sweep_cell");
      expect(cell.threadId).toBe(sweep.id);
    }
    const done = await Promise.all(cells.map((cell) => waitForTerminal(service, cell.id, 30_000)));
    expect(done.every((cell) => cell.status === "completed")).toBe(true);
    expect((await sweeps.get(sweep.id)).cells).toHaveLength(9);
  });

  it("is one entry of a history that folds sweeps, with every cell of it beside; a search lists the cells", async () => {
    const { sweeps, service } = local();
    const single = await submitBody(service, { prompt: "a single lighthouse" });
    // Finished before the sweep starts, so the sweep is newer by more than the clock's millisecond.
    await waitForTerminal(service, single.id, 30_000);
    const { sweep, cells } = await sweeps.create({ base, ...seedsByGuidance });
    await Promise.all(cells.map((run) => waitForTerminal(service, run.id, 30_000)));

    const folded = await service.history({ limit: 10, collapseSweeps: true });
    expect(folded.items.map((item) => item.sweep?.id ?? item.id)).toEqual([sweep.id, single.id]);
    expect(folded.sweeps[sweep.id]?.map((cell) => cell.id).sort()).toEqual(cells.map((cell) => cell.id).sort());
    const page = toHistoryPage(folded, "http://x");
    expect(page.sweeps[sweep.id]).toMatchObject({
      columns: 3,
      rows: 3,
      axes: ["seed", "guidance_scale"],
      pageUrl: `http://x/s/${sweep.id}`,
    });
    expect(page.sweeps[sweep.id]?.cells.every((cell) => cell.status === "completed" && cell.thumbUrl)).toBe(true);

    const searched = await service.history({ limit: 20, search: "lighthouse on a cliff" });
    expect(searched.items).toHaveLength(9);
    expect(searched.sweeps).toEqual({});
  });

  it("sweeps an edit: seeds × guidance (up to 20) of one instruction on one picture, every cell an edit of it", async () => {
    const { sweeps, service } = local();
    const picture = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#2f855a" } })
      .png()
      .toBuffer();
    const edit = { prompt: "make it night", image: picture.toString("base64") };
    const { cells } = await sweeps.create({
      base: edit,
      x: { field: "seed", values: [1, 2] },
      y: { field: "guidance_scale", values: [3, 15] },
    });
    expect(cells).toHaveLength(4);
    const sha = cells[0].input.edit?.images[0].sha256;
    for (const cell of cells) {
      expect(cell.input.edit).toMatchObject({ kind: "edit", matchInput: true, images: [{ sha256: sha, width: 64, height: 48 }] });
      expect(cell.input.aspect_ratio).toBe("4:3");
    }
    expect(cells.map((cell) => cell.input.guidance_scale).sort((a, b) => a - b)).toEqual([3, 3, 15, 15]);
    const done = await Promise.all(cells.map((cell) => waitForTerminal(service, cell.id, 30_000)));
    expect(done.every((cell) => cell.status === "completed")).toBe(true);
  });

  it("draws the grid as one PNG of the size its layout says, and keeps it once the sweep is done", async () => {
    const { sweeps, service, stores } = local();
    const { sweep, cells } = await sweeps.create({ base, ...seedsByGuidance });
    await Promise.all(cells.map((cell) => waitForTerminal(service, cell.id, 30_000)));
    const png = await sweeps.gridPng(sweep.id);
    const meta = await sharp(png).metadata();
    // 3 columns of 256 px with 8 px gaps, a 120 px row-label column and 24 px margins; a one-line caption.
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 952, 930]);
    expect(gridLayout(sweep, sweep.base.prompt)).toMatchObject({ width: 952, height: 930, captionLines: [base.prompt] });
    expect(await stores.gridBlobs.listPrefixes()).toEqual([sweep.id]);
    expect((await sweeps.gridPng(sweep.id)).equals(png)).toBe(true);
  });

  it("refuses a grid past SWEEP_MAX_CELLS and a bad axis, naming the field", async () => {
    const { sweeps } = local({ maxSweepCells: 8 });
    await expect(sweeps.create({ base, ...seedsByGuidance })).rejects.toMatchObject({ status: 400, field: "cells" });
    await expect(sweeps.create({ base, x: { field: "guidance_scale", values: [0.2] } })).rejects.toMatchObject({
      status: 400,
      field: "x.guidance_scale",
    });
    await expect(sweeps.create({ base: { prompt: "" }, x: { field: "seed", random: 2 } })).rejects.toMatchObject({
      field: "base.prompt",
    });
  });

  it("sizes the grid before reading the base, so an over-cap edit sweep fetches nothing and stores nothing", async () => {
    const { sweeps, service } = local({ maxSweepCells: 8 });
    // The picture's host does not resolve: reading the base first would answer that instead.
    const edit = { prompt: "make it night", image: "https://picture.invalid/a.png" };
    const wide = { field: "guidance_scale", range: { from: 1, to: 20, step: 0.0001 } } as const;
    await expect(sweeps.create({ base: edit, x: wide, y: { field: "seed", values: [] } })).rejects.toMatchObject({
      status: 400,
      field: "cells",
      message: "The grid would have 190001 cells; at most 8 are allowed",
    });
    expect((await service.history({ limit: 5 })).items).toEqual([]);
  });

  it("asks for the total to be confirmed when the sweep costs money", async () => {
    const png = await pngOf(8, 8);
    const engine = new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]);
    const made = createTestPredictions(engine);
    cleanups.push(() => made.service.close());
    const body = { base: { ...base, num_images: 2 }, x: { field: "seed", values: [1, 2, 3] } };
    await expect(made.sweeps.create(body)).rejects.toMatchObject({
      status: 400,
      field: "confirmedCostUsd",
      message: "This costs $0.24 (6 images); confirm by sending confirmedCostUsd: 0.24.",
    });
    await expect(made.sweeps.create({ ...body, confirmedCostUsd: 0.2 })).rejects.toMatchObject({ field: "confirmedCostUsd" });
    expect(engine.submits).toHaveLength(0);
    expect((await made.sweeps.create({ ...body, confirmedCostUsd: 0.24 })).cells).toHaveLength(3);
  });

  it("cancels the cells not yet sent, lets the sent ones finish, and retries the cancelled ones", async () => {
    const png = await pngOf(8, 8);
    let release = false;
    // Sent tasks stay running until released, so the queue behind them is still waiting at the cancel.
    const engine = new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]);
    const gate = engine.getState.bind(engine);
    engine.getState = async (id: string) => (release ? gate(id) : running());
    const made = createTestPredictions(engine, { config: { maxConcurrency: 2 } });
    cleanups.push(() => made.service.close());
    const { sweep, cells } = await made.sweeps.create({
      base,
      x: { field: "seed", values: [1, 2, 3] },
      y: { field: "safety_tolerance", values: ["1", "2"] },
      confirmedCostUsd: 0.24,
    });
    await expect.poll(() => engine.submits.length).toBe(2);

    const cancelled = await made.sweeps.cancel(sweep.id);
    expect(cancelled.sweep.cancelledAt).not.toBeNull();
    const dropped = cancelled.cells.filter((cell) => cell.error === SWEEP_CELL_CANCELLED);
    expect(dropped).toHaveLength(4);
    expect(dropped.every((cell) => cell.status === "failed")).toBe(true);
    release = true;
    const finished = await Promise.all(cells.map((cell) => waitForTerminal(made.service, cell.id)));
    expect(finished.filter((cell) => cell.status === "completed")).toHaveLength(2);
    expect(engine.submits).toHaveLength(2);

    const retried = await made.sweeps.retryFailed(sweep.id, { confirmedCostUsd: 0.16 });
    expect(retried.sweep.cancelledAt).toBeNull();
    expect(retried.cells).toHaveLength(10);
    const again = retried.cells.filter((cell) => !cells.some((first) => first.id === cell.id));
    expect(again.map((cell) => [cell.sweep!.x, cell.sweep!.y]).sort()).toEqual(
      dropped.map((cell) => [cell.sweep!.x, cell.sweep!.y]).sort(),
    );
    await Promise.all(again.map((cell) => waitForTerminal(made.service, cell.id)));
    await expect(made.sweeps.retryFailed(sweep.id, { confirmedCostUsd: 0 })).rejects.toMatchObject({ status: 409 });
  });
});
