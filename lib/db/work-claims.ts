import type { PredictionRepo } from "./prediction-repo";

/**
 * Which instance works on which unfinished run. One instance (SQLite) owns everything it stores,
 * so `SoleInstanceClaims` grants every claim; with several instances on one database
 * (postgres/postgres-work-claims.ts) a run is claimed, with a lease its instance renews, when an
 * instance takes it from the shared line (lib/runs/postgres-run-queue.ts); runs whose lease ran
 * out are taken over by another instance. A run still waiting in the line is nobody's.
 */
export interface WorkClaims {
  /** How often to renew leases and look for runs to take over; undefined: nothing to renew. */
  readonly renewEveryMs?: number;
  /** Unfinished runs no live claim holds, now claimed by this instance, oldest first. */
  claimOrphans(): Promise<string[]>;
  /** Whether this instance (still) holds the run's claim. */
  holds(id: string): Promise<boolean>;
  /** Keeps this instance's claims alive; returns how many it holds. */
  renew(): Promise<number>;
  /** Gives every claim up, for another instance to take at once (a graceful stop). */
  releaseAll(): Promise<void>;
}

/** One process, one store: every unfinished run is this process's, and its places are counted by its queue alone. */
export class SoleInstanceClaims implements WorkClaims {
  constructor(private readonly repo: PredictionRepo) {}

  async claimOrphans(): Promise<string[]> {
    return (await this.repo.listUnfinished()).map((record) => record.id);
  }

  async holds(): Promise<boolean> {
    return true;
  }

  async renew(): Promise<number> {
    return 0;
  }

  async releaseAll(): Promise<void> {}
}
