import "server-only";
import type { SweepRepo } from "../db/sweep-repo";
import {
  cellCapProblem,
  cellInput,
  cellsToRetry,
  costUsd,
  isSweepProblem,
  isTerminal,
  newPredictionId,
  type PredictionRecord,
  planSweep,
  type RunSource,
  SWEEP_CELL_CANCELLED,
  type SweepRecord,
  sweepCostUsd,
  wantsRandomSeed,
} from "../domain";
import { AppError } from "../errors";
import type { DecodedImage } from "../inputs/decode-image";
import { parseOrThrow } from "../parse";
import { sweepBaseSchema, sweepRequestSchema, sweepRetrySchema } from "../playground-api";
import type { PredictionService } from "../predictions/service";
import { formatUsd } from "../view/format";
import type { GridImages } from "./grid-images";

export type SweepServiceDeps = {
  predictions: PredictionService;
  sweeps: SweepRepo;
  grids: GridImages;
  /** SWEEP_MAX_CELLS: no sweep may have more cells. */
  maxCells: number;
};

export type SweepState = { sweep: SweepRecord; cells: PredictionRecord[] };

/**
 * Sweeps: one object whose cells are ordinary predictions, started through the
 * prediction service, so they share its queue and its concurrency limit.
 */
export class SweepService {
  constructor(private readonly deps: SweepServiceDeps) {}

  get maxCells(): number {
    return this.deps.maxCells;
  }

  /**
   * Validates, prices and starts a sweep, of generations or of edits (its base is checked as a
   * submit is, an edit's images read once). One that costs money needs `confirmedCostUsd` equal to its total.
   * `source`: an assistant over MCP, when one asked for it; every cell carries it.
   */
  async create(body: unknown, caller?: string, baseUrl?: string, source?: RunSource): Promise<SweepState> {
    const { base, x, y, parent, confirmedCostUsd } = parseOrThrow(sweepRequestSchema, body);
    // Sized before the base is read (an edit's pictures may be fetched), so an over-cap grid costs nothing.
    const overCap = cellCapProblem({ x, y }, typeof base.prompt === "string" ? base.prompt : "", this.deps.maxCells);
    if (overCap) throw new AppError("invalid_request", overCap.message, overCap.field);
    const { base: request } = parseOrThrow(sweepBaseSchema, { base });
    const prepared = await this.deps.predictions.prepare(request, baseUrl, "base");
    const seed = wantsRandomSeed(prepared.seedRequested) ? null : prepared.seedRequested;
    const plan = planSweep({ ...prepared.input, seed }, { x, y }, this.deps.maxCells);
    if (isSweepProblem(plan)) throw new AppError("invalid_request", plan.message, plan.field);
    const { engine } = this.deps.predictions.engineInfo();
    this.confirmCost(
      costUsd(
        engine,
        plan.cells.map((cell) => cell.input),
      ),
      plan.images,
      confirmedCostUsd,
    );

    const sweep: SweepRecord = {
      id: newPredictionId(),
      engine,
      base: plan.base,
      x: plan.x,
      y: plan.y,
      parentId: parent?.id ?? null,
      createdAt: new Date().toISOString(),
      cancelledAt: null,
    };
    // The cells first: a sweep the limits refuse leaves nothing behind.
    const cells = await this.startCells(sweep, plan.cells, caller, prepared.images, source);
    return { sweep: await this.deps.sweeps.create(sweep), cells };
  }

  async get(id: string): Promise<SweepState> {
    const sweep = await this.deps.sweeps.get(id);
    if (!sweep) throw new AppError("not_found", `No sweep with id "${id}".`, "id");
    return { sweep, cells: await this.deps.predictions.sweepCells(id) };
  }

  find(id: string): Promise<SweepRecord | undefined> {
    return this.deps.sweeps.get(id);
  }

  /** Drops every cell not yet sent; cells already sent finish. */
  async cancel(id: string): Promise<SweepState> {
    const { sweep, cells } = await this.get(id);
    await this.deps.sweeps.setCancelled(id, new Date().toISOString());
    const waiting = cells.filter((cell) => !isTerminal(cell.status)).map((cell) => cell.id);
    await this.deps.predictions.dropUnsent(waiting, SWEEP_CELL_CANCELLED);
    return this.get(sweep.id);
  }

  /** Starts a new run for every cell whose newest run failed or was cancelled (and any cell never made). */
  async retryFailed(id: string, body: unknown, caller?: string): Promise<SweepState> {
    const { confirmedCostUsd } = parseOrThrow(sweepRetrySchema, body ?? {});
    const { sweep, cells } = await this.get(id);
    const again = cellsToRetry(
      sweep,
      cells.flatMap((cell) => (cell.sweep ? [{ ...cell, ...cell.sweep }] : [])),
    );
    if (again.length === 0) throw new AppError("conflict", "No cell of this sweep has failed.", "id");
    this.confirmCost(sweepCostUsd(sweep.engine, sweep, again), again.length * sweep.base.num_images, confirmedCostUsd);
    await this.startCells(sweep, again, caller);
    await this.deps.sweeps.setCancelled(id, null);
    return this.get(id);
  }

  /** The grid as one labelled PNG: cached once every cell is done. */
  async gridPng(id: string): Promise<Buffer> {
    const { sweep, cells } = await this.get(id);
    return this.deps.grids.render(sweep, cells);
  }

  /**
   * All cells of one request are admitted together, against the queue and the day's budget. `images`:
   * the edit's pictures as read, stored with the first cell (retries find them stored).
   */
  private startCells(
    sweep: SweepRecord,
    cells: Array<{ x: number; y: number }>,
    caller?: string,
    images?: DecodedImage[],
    source?: RunSource,
  ): Promise<PredictionRecord[]> {
    const runs = cells.map(({ x, y }) => {
      const input = cellInput(sweep, x, y);
      return {
        input,
        images,
        seedRequested: input.seed,
        parent: sweep.parentId ? { id: sweep.parentId, kind: "sweep_cell" as const } : null,
        sweep: { id: sweep.id, x, y, base: sweep.base },
        source,
      };
    });
    return this.deps.predictions.startAll(runs, caller);
  }

  /** `images`: how many the cells make; each is priced at its own model's price. */
  private confirmCost(cost: number, images: number, confirmed: number | undefined): void {
    if (cost === 0 || confirmed === cost) return;
    throw new AppError(
      "invalid_request",
      `This costs ${formatUsd(cost)} (${images} images); confirm by sending confirmedCostUsd: ${cost}.`,
      "confirmedCostUsd",
    );
  }
}
