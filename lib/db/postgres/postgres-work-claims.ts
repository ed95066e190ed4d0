import "server-only";
import type { WorkClaims } from "../work-claims";
import type { PostgresDb } from "./db";
import type { ClaimIdentity } from "./postgres-prediction-repo";

const UNFINISHED = "status IN ('created', 'processing')";

/**
 * Claims on unfinished runs across instances sharing one Postgres database. A claim is
 * `claimed_by` plus a lease (`lease_until`) that the owner renews every third of the lease. An
 * instance claims a run as it takes it from the shared line (lib/runs/postgres-run-queue.ts);
 * a run whose lease ran out is an orphan: one never sent goes back to its place in the line, one
 * sent (or being sent) is claimed by whichever instance looks first (FOR UPDATE SKIP LOCKED, so two
 * instances never take the same one).
 */
export class PostgresWorkClaims implements WorkClaims {
  readonly renewEveryMs: number;

  constructor(
    private readonly db: PostgresDb,
    private readonly config: ClaimIdentity,
  ) {
    this.renewEveryMs = Math.max(100, Math.floor(config.leaseMs / 3));
  }

  async claimOrphans(): Promise<string[]> {
    // Taken from the line by an instance that stopped before sending it: waiting again, at its place.
    await this.db.query(
      `UPDATE predictions SET claimed_by = NULL, lease_until = NULL, holds_place = false
       WHERE status = 'created' AND submit_state = 'pending' AND claimed_by IS NOT NULL AND lease_until < now()`,
    );
    // A run already sent upstream holds a place there from the moment it is taken over.
    const { rows } = await this.db.query<{ id: string; queue_seq: number }>(
      `WITH orphans AS (
         SELECT id FROM predictions
         WHERE ${UNFINISHED} AND submit_state <> 'pending' AND (claimed_by IS NULL OR lease_until < now())
         ORDER BY queue_seq
         FOR UPDATE SKIP LOCKED
       )
       UPDATE predictions p SET claimed_by = $1, lease_until = now() + $2 * interval '1 millisecond', holds_place = true
       FROM orphans WHERE p.id = orphans.id
       RETURNING p.id, p.queue_seq`,
      [this.config.owner, this.config.leaseMs],
    );
    return rows.sort((a, b) => a.queue_seq - b.queue_seq).map((row) => row.id);
  }

  async holds(id: string): Promise<boolean> {
    const { rows } = await this.db.query("SELECT 1 FROM predictions WHERE id = $1 AND claimed_by = $2", [id, this.config.owner]);
    return rows.length > 0;
  }

  async renew(): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE predictions SET lease_until = now() + $2 * interval '1 millisecond' WHERE claimed_by = $1 AND ${UNFINISHED}`,
      [this.config.owner, this.config.leaseMs],
    );
    return rowCount ?? 0;
  }

  async releaseAll(): Promise<void> {
    // Unsent runs go back to the line; sent ones are orphans another instance takes over at once.
    await this.db.query(
      `UPDATE predictions SET claimed_by = NULL, lease_until = NULL, holds_place = false WHERE claimed_by = $1 AND ${UNFINISHED}`,
      [this.config.owner],
    );
  }
}
