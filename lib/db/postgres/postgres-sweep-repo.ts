import "server-only";
import type { SweepRecord } from "../../domain";
import type { SweepRepo } from "../sweep-repo";
import { INSERT_SWEEP, type SweepRow, sweepParams, toSweep } from "../sweep-rows";
import { type PostgresDb, positional } from "./db";

/** SweepRepo on PostgreSQL, in the predictions' database. */
export class PostgresSweepRepo implements SweepRepo {
  constructor(private readonly db: PostgresDb) {}

  async create(sweep: SweepRecord): Promise<SweepRecord> {
    await this.db.query(...positional(INSERT_SWEEP, sweepParams(sweep)));
    return sweep;
  }

  async get(id: string): Promise<SweepRecord | undefined> {
    const { rows } = await this.db.query<SweepRow>("SELECT * FROM sweeps WHERE id = $1", [id]);
    return rows[0] && toSweep(rows[0]);
  }

  async setCancelled(id: string, cancelledAt: string | null): Promise<boolean> {
    const { rowCount } = await this.db.query("UPDATE sweeps SET cancelled_at = $1 WHERE id = $2", [cancelledAt, id]);
    return (rowCount ?? 0) > 0;
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await this.db.query<{ id: string }>("SELECT id FROM sweeps WHERE id = ANY($1)", [ids]);
    return new Set(rows.map((row) => row.id));
  }
}
