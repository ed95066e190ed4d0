import "server-only";
import type { Db } from "../db/client";
import type { RetentionRepo } from "./retention-repo";
import { EXPIRED_RUNS, type OutlookRow, RECORDED_BYTES, RETENTION_OUTLOOK } from "./retention-sql";

/** RetentionRepo on the SQLite database of the predictions. */
export class SqliteRetentionRepo implements RetentionRepo {
  constructor(private readonly db: Db) {}

  async expired(before: string, limit: number): Promise<string[]> {
    const rows = this.db.prepare(EXPIRED_RUNS).all({ before, limit }) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async outlook(before: string): Promise<{ expired: number; kept: number }> {
    const row = this.db.prepare(RETENTION_OUTLOOK).get({ before }) as OutlookRow;
    return { expired: row.expired, kept: row.finished - row.expired };
  }

  async recordedBytes(): Promise<number> {
    return (this.db.prepare(RECORDED_BYTES).get() as { bytes: number }).bytes;
  }
}
