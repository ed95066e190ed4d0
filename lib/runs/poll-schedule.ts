import { DEFAULT_MODEL, MODELS, type ModelName } from "../domain";

/**
 * When to ask the engine again. A task's duration is roughly known from the
 * ones before it, so polls are sparse early and dense around the expected
 * finish: few upstream calls, and a result seen soon after it exists.
 */
export type PollSchedule = {
  /** First look, soon after submit, to see the task was picked up. */
  firstPollMs: number;
  /** Interval near the expected finish; twice this (capped by maxGapMs) once it has passed. */
  intervalMs: number;
  /** Longest gap between two polls, so an early finish is not missed for long. */
  maxGapMs: number;
};

/** Share of the expected duration after which polling turns dense. */
const DENSE_FROM = 0.85;

export function nextPollDelay(elapsedMs: number, expectedMs: number, schedule: PollSchedule): number {
  if (elapsedMs < schedule.firstPollMs) return schedule.firstPollMs - elapsedMs;
  // Past the expected finish the estimate was short (a fresh server, a slow task): the finish is no
  // longer near, so polling every interval would only add upstream calls while the estimate catches up.
  if (elapsedMs >= expectedMs) return Math.min(schedule.maxGapMs, schedule.intervalMs * 2);
  const denseFrom = expectedMs * DENSE_FROM;
  if (elapsedMs >= denseFrom) return schedule.intervalMs;
  return Math.min(schedule.maxGapMs, Math.max(schedule.intervalMs, denseFrom - elapsedMs));
}

/**
 * A running estimate of how long tasks take, weighted to the recent ones. It is kept for [pro];
 * each model's tasks take their relativeDuration of it (lib/domain/models.ts: [max] 1.5, [dev]
 * ultra-fast 0.5), so a [max] run teaches the estimate as much as a [pro] one, in [pro]'s terms.
 */
export class DurationEstimate {
  constructor(
    private estimateMs: number,
    private readonly weight = 0.3,
  ) {}

  /** What a [pro] task is expected to take. */
  get expectedMs(): number {
    return this.estimateMs;
  }

  /** What a task of this model is expected to take. */
  expectedFor(model: ModelName): number {
    return Math.round(this.estimateMs * MODELS[model].relativeDuration);
  }

  observe(durationMs: number, model: ModelName = DEFAULT_MODEL): void {
    if (!Number.isFinite(durationMs) || durationMs <= 0) return;
    const asPro = durationMs / MODELS[model].relativeDuration;
    this.estimateMs = Math.round(this.estimateMs * (1 - this.weight) + asPro * this.weight);
  }
}
