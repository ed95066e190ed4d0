import type { EngineName } from "./engines";
import { entryOf, type ModelName, type RunKind } from "./models";

/**
 * The cost rule, in one place: WaveSpeed's price per image of the model path a run goes to
 * (lib/domain/models.ts); the local engine is free. Amounts are counted in mills (thousandths of
 * a dollar) so [dev]'s $0.025 adds up without floating-point drift.
 */
export type PricedRun = { model: ModelName; edit?: { kind: RunKind } | undefined; num_images: number };

export const pricePerImageUsd = (engine: EngineName, run: Pick<PricedRun, "model" | "edit">) =>
  engine === "wavespeed" ? entryOf(run).priceUsd : 0;

/** An amount in US dollars as whole mills. */
export const toMills = (usd: number) => Math.round(usd * 1000);
export const fromMills = (mills: number) => mills / 1000;

/** What one image of this run costs, in mills: what the store keeps with the run. */
export const imagePriceMills = (engine: EngineName, run: Pick<PricedRun, "model" | "edit">) =>
  toMills(pricePerImageUsd(engine, run));

/** What these runs cost together on an engine: each run's images at its model's price. */
export const costUsd = (engine: EngineName, runs: readonly PricedRun[]) =>
  fromMills(runs.reduce((sum, run) => sum + imagePriceMills(engine, run) * run.num_images, 0));
