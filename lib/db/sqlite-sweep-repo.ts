import "server-only";
import type { SweepRecord } from "../domain";
import type { Db } from "./client";
import { StatementCache } from "./statements";
import type { SweepRepo } from "./sweep-repo";
import { INSERT_SWEEP, type SweepRow, sweepParams, toSweep } from "./sweep-rows";

/** SweepRepo on SQLite, in the predictions' database. */
export class SqliteSweepRepo implements SweepRepo {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  async create(sweep: SweepRecord): Promise<SweepRecord> {
    this.statements.get(INSERT_SWEEP).run(sweepParams(sweep));
    return sweep;
  }

  async get(id: string): Promise<SweepRecord | undefined> {
    const row = this.statements.get(`SELECT * FROM sweeps WHERE id = ?`).get(id) as SweepRow | undefined;
    return row && toSweep(row);
  }

  async setCancelled(id: string, cancelledAt: string | null): Promise<boolean> {
    return this.statements.get(`UPDATE sweeps SET cancelled_at = ? WHERE id = ?`).run(cancelledAt, id).changes > 0;
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = this.statements
      .get(`SELECT id FROM sweeps WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }
}
