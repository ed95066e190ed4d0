import "server-only";
import type { PostgresDb } from "../db/postgres/db";
import type { ClaimIdentity } from "../db/postgres/postgres-prediction-repo";
import type { PredictionRepo } from "../db/prediction-repo";
import type { RunQueue, Taken } from "./run-queue";

/** A run waiting in the line: stored, never sent, and nobody's. */
const waitingRow = (row = "predictions") =>
  `${row}.status = 'created' AND ${row}.submit_state = 'pending' AND ${row}.claimed_by IS NULL`;
const WAITING = waitingRow();

export type PostgresRunQueueConfig = ClaimIdentity & {
  /**
   * The upstream's concurrency limit belongs to its key: every instance using the key (this digest
   * of it) shares the places. Undefined: places are this instance's own (the local engine renders
   * on its own CPU), while the line is still shared.
   */
  placeKey?: string;
};

/**
 * The line is the table: a run waits as its row, in the order rows were written (`queue_seq`).
 * `take` counts the places held under an advisory lock on the key (so two instances never both
 * see the last free one), then claims the oldest waiting rows (FOR UPDATE SKIP LOCKED, so no row
 * goes to two instances), all in one transaction. A cancel fails the waiting rows in one statement,
 * so no instance sends them; a place is a flag on the row, counted while its lease is live.
 */
export class PostgresRunQueue implements RunQueue {
  readonly shared = true;

  constructor(
    private readonly db: PostgresDb,
    private readonly repo: PredictionRepo,
    private readonly config: PostgresRunQueueConfig,
  ) {}

  /** Every unsent row waits in the line from the moment it is written. */
  async add(): Promise<void> {}

  /** A deleted row leaves the line with it. */
  async remove(): Promise<void> {}

  async take(max: number): Promise<Taken> {
    const { owner, leaseMs, placeKey } = this.config;
    // One statement after the lock: the places held, the oldest waiting rows for the free ones, and what still
    // waits (the statement's snapshot still counts the rows it takes, hence the subtraction).
    return this.db.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`places:${placeKey ?? owner}`]);
      const { rows } = await client.query<{ taken: string[]; waiting: number }>(
        `WITH held AS (
           SELECT count(*) AS n FROM predictions
           WHERE holds_place AND status IN ('created', 'processing') AND lease_until > now() ${placeKey === undefined ? "AND claimed_by = $1" : ""}
         ), next AS (
           SELECT id FROM predictions WHERE ${WAITING} ORDER BY queue_seq
           LIMIT (SELECT GREATEST(0, $3 - n) FROM held) FOR UPDATE SKIP LOCKED
         ), taken AS (
           UPDATE predictions p SET claimed_by = $1, lease_until = now() + $2 * interval '1 millisecond', holds_place = true
           FROM next WHERE p.id = next.id RETURNING p.id, p.queue_seq
         )
         SELECT COALESCE(array_agg(id ORDER BY queue_seq), '{}') AS taken,
           (SELECT count(*) FROM predictions WHERE ${WAITING}) - count(*) AS waiting
         FROM taken`,
        [owner, leaseMs, max],
      );
      return rows[0];
    });
  }

  async occupy(id: string): Promise<void> {
    await this.db.query("UPDATE predictions SET holds_place = true WHERE id = $1 AND claimed_by = $2", [id, this.config.owner]);
  }

  async release(id: string): Promise<void> {
    await this.db.query("UPDATE predictions SET holds_place = false WHERE id = $1 AND claimed_by = $2", [id, this.config.owner]);
  }

  cancel(ids: string[], reason: string): Promise<string[]> {
    return this.repo.failUnsent(ids, reason, new Date().toISOString());
  }

  async position(id: string): Promise<number | undefined> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM predictions me JOIN predictions ahead ON ahead.queue_seq <= me.queue_seq
       WHERE me.id = $1 AND ${waitingRow("me")} AND ${waitingRow("ahead")}`,
      [id],
    );
    return rows[0].n > 0 ? rows[0].n : undefined;
  }

  async waiting(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*) AS n FROM predictions WHERE ${WAITING}`);
    return rows[0].n;
  }
}
