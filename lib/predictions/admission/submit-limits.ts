import type { Limiter } from "../../access/limiter";
import type { PredictionRepo } from "../../db/prediction-repo";
import { costUsd, type EngineName, type PricedRun, toMills } from "../../domain";
import { AppError } from "../../errors";
import type { BudgetView } from "../../playground-api";
import { formatUsd } from "../../view/format";

export type SubmitLimitsConfig = {
  /** Predictions not yet completed or failed, at most. */
  maxQueued: number;
  /** Spend allowed per UTC day on the WaveSpeed engine, in US dollars. */
  budgetUsdPerDay?: number;
  /** The storage limit (MAX_STORAGE_GB): throws the 507 a new run gets past it. */
  storage?: { admit(): void };
};

/** The queue, once full, frees as runs finish; a few seconds is a fair first guess. */
const QUEUE_RETRY_SECONDS = 5;

/**
 * What protects the key and the server at submit time, in this order: submits per caller and
 * minute (429), the storage limit (507), the length of the queue (429), and the day's budget (402).
 * Each refusal comes before anything is stored or sent upstream.
 */
export class SubmitLimits {
  constructor(
    private readonly deps: {
      repo: PredictionRepo;
      /** Counts submits per caller: an owner session, the token, or an address. */
      submits: Limiter;
      engine: EngineName;
      config: SubmitLimitsConfig;
      now?: () => Date;
    },
  ) {}

  /** One request from `caller` that would start these runs, each priced at its model's price. */
  async admit(caller: string, started: readonly PricedRun[]): Promise<void> {
    const runs = started.length;
    const { repo, submits, config } = this.deps;
    const rate = await submits.take(caller);
    if (!rate.allowed) {
      const seconds = Math.ceil(rate.retryAfterSeconds);
      throw new AppError(
        "rate_limited",
        `Too many submits in a minute from this session or token; try again in ${seconds} s.`,
        undefined,
        {
          retryAfterSeconds: seconds,
        },
      );
    }
    config.storage?.admit();
    const queued = await repo.countUnfinished();
    if (queued + runs > config.maxQueued) {
      throw new AppError(
        "queue_full",
        `The queue is full: ${queued} predictions are waiting or running (at most ${config.maxQueued})${runs > 1 ? `, and this would add ${runs}` : ""}; try again when some have finished.`,
        undefined,
        { retryAfterSeconds: QUEUE_RETRY_SECONDS },
      );
    }
    await this.checkBudget(started);
  }

  /** Today's spend against the budget; null when the engine costs nothing or no budget is set. */
  async budgetToday(): Promise<BudgetView | null> {
    return (await this.spendToday())?.view ?? null;
  }

  private async checkBudget(started: readonly PricedRun[]): Promise<void> {
    const spend = await this.spendToday();
    if (!spend) return;
    const { budgetUsd, leftUsd } = spend.view;
    const images = started.reduce((sum, run) => sum + run.num_images, 0);
    const cost = costUsd(this.deps.engine, started);
    // In mills, so [dev]'s $0.025 adds up exactly.
    if (toMills(spend.view.spentUsd) + toMills(cost) <= toMills(budgetUsd)) return;
    throw new AppError(
      "budget_exceeded",
      `This run would pass today's budget of ${formatUsd(budgetUsd)} (UTC day): ${formatUsd(leftUsd)} is left, and ${images} image${images === 1 ? "" : "s"} cost ${formatUsd(cost)}.`,
      undefined,
      { details: { budget_usd: budgetUsd, left_usd: leftUsd } },
    );
  }

  private async spendToday(): Promise<{ view: BudgetView } | undefined> {
    const { engine, config, repo } = this.deps;
    const budgetUsd = config.budgetUsdPerDay;
    // The local engine is free: no budget to keep.
    if (budgetUsd === undefined || engine !== "wavespeed") return undefined;
    const day = (this.deps.now?.() ?? new Date()).toISOString().slice(0, 10);
    const { usd: spentUsd } = await repo.spendOn(engine, day);
    return { view: { day, budgetUsd, spentUsd, leftUsd: Math.max(0, Number((budgetUsd - spentUsd).toFixed(3))) } };
  }
}
