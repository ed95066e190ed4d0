import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

/**
 * A counter of attempts per key over a window. rate-limiter-flexible does the counting: in
 * memory today, and its other stores (Postgres, Redis) fit behind the same calls.
 */
export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class Limiter {
  constructor(private readonly counter: RateLimiterAbstract) {}

  /** Counts one attempt; refused once the key has used up its window. */
  async take(key: string): Promise<Verdict> {
    try {
      await this.counter.consume(key);
      return { allowed: true };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: outcome.msBeforeNext / 1000 };
      throw outcome;
    }
  }

  /** Whether the key has used up its window, without counting anything. */
  async check(key: string): Promise<Verdict> {
    const state = await this.counter.get(key);
    if (!state || state.remainingPoints > 0) return { allowed: true };
    return { allowed: false, retryAfterSeconds: state.msBeforeNext / 1000 };
  }
}

/** `points` attempts per key per minute, counted in this process. */
export const perMinuteInMemory = (points: number, _name?: string) => new Limiter(new RateLimiterMemory({ points, duration: 60 }));

/** Something that runs a query, as node-postgres's pool does; the table exists (Postgres migration 7). */
type PostgresClient = { query: (query: { text: string; values?: unknown[] } | string) => Promise<unknown> };

/** `points` attempts per key per minute, counted in Postgres: every instance shares the counters. */
export const perMinuteInPostgres = (points: number, client: PostgresClient, keyPrefix: string) =>
  new Limiter(
    new RateLimiterPostgres({
      storeClient: client,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix,
      points,
      duration: 60,
    }),
  );
