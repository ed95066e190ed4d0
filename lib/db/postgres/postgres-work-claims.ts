import "server-only";
import type { WorkClaims } from "../work-claims";
import type { PostgresDb } from "./db";
import type { ClaimIdentity } from "./postgres-prediction-repo";

const UNFINISHED = "status IN ('created', 'processing')";

export type PostgresClaimsConfig = ClaimIdentity & {
  /**
   * The upstream concurrency limit is shared by every instance using this key (a digest of the
   * WaveSpeed key); undefined: places are counted per instance (the local engine renders on its own CPU).
   */
  placeKey?: string;
};

/**
 * Claims on unfinished runs across instances sharing one Postgres database. A claim is
 * `claimed_by` plus a lease (`lease_until`) that the owner renews every third of the lease;
 * a run whose lease ran out is an orphan, claimed by whichever instance looks first
 * (FOR UPDATE SKIP LOCKED, so two instances never take the same one).
 */
export class PostgresWorkClaims implements WorkClaims {
  readonly renewEveryMs: number;

  constructor(
    private readonly db: PostgresDb,
    private readonly config: PostgresClaimsConfig,
  ) {
    this.renewEveryMs = Math.max(100, Math.floor(config.leaseMs / 3));
  }

  async claimOrphans(): Promise<string[]> {
    // A run already sent upstream holds a place there from the moment it is taken over.
    const { rows } = await this.db.query<{ id: string; created_at: string }>(
      `WITH orphans AS (
         SELECT id FROM predictions
         WHERE ${UNFINISHED} AND (claimed_by IS NULL OR lease_until < now())
         ORDER BY created_at, id
         FOR UPDATE SKIP LOCKED
       )
       UPDATE predictions p SET claimed_by = $1, lease_until = now() + $2 * interval '1 millisecond',
         holds_place = p.submit_state <> 'pending'
       FROM orphans WHERE p.id = orphans.id
       RETURNING p.id, p.created_at`,
      [this.config.owner, this.config.leaseMs],
    );
    return rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0)).map((row) => row.id);
  }

  async holds(id: string): Promise<boolean> {
    const { rows } = await this.db.query("SELECT 1 FROM predictions WHERE id = $1 AND claimed_by = $2", [id, this.config.owner]);
    return rows.length > 0;
  }

  async takePlace(id: string, max: number): Promise<boolean> {
    if (this.config.placeKey === undefined) return true;
    const placeKey = this.config.placeKey;
    return this.db.transaction(async (client) => {
      // Instances take places one at a time per key, so two cannot both see the last free one.
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`places:${placeKey}`]);
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*) AS n FROM predictions WHERE holds_place AND ${UNFINISHED} AND lease_until > now() AND id <> $1`,
        [id],
      );
      if (rows[0].n >= max) return false;
      const taken = await client.query("UPDATE predictions SET holds_place = true WHERE id = $1 AND claimed_by = $2", [
        id,
        this.config.owner,
      ]);
      return (taken.rowCount ?? 0) > 0;
    });
  }

  async releasePlace(id: string): Promise<void> {
    await this.db.query("UPDATE predictions SET holds_place = false WHERE id = $1 AND claimed_by = $2", [id, this.config.owner]);
  }

  async renew(): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE predictions SET lease_until = now() + $2 * interval '1 millisecond' WHERE claimed_by = $1 AND ${UNFINISHED}`,
      [this.config.owner, this.config.leaseMs],
    );
    return rowCount ?? 0;
  }

  async releaseAll(): Promise<void> {
    await this.db.query(
      `UPDATE predictions SET claimed_by = NULL, lease_until = NULL, holds_place = false WHERE claimed_by = $1 AND ${UNFINISHED}`,
      [this.config.owner],
    );
  }
}
