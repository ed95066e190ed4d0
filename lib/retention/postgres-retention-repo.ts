import "server-only";
import { type PostgresDb, positional } from "../db/postgres/db";
import type { RetentionRepo } from "./retention-repo";
import { EXPIRED_RUNS, type OutlookRow, RECORDED_BYTES, RETENTION_OUTLOOK } from "./retention-sql";

/** RetentionRepo on the PostgreSQL database the instances share. */
export class PostgresRetentionRepo implements RetentionRepo {
  constructor(private readonly db: PostgresDb) {}

  async expired(before: string, limit: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(...positional(EXPIRED_RUNS, { before, limit }));
    return rows.map((row) => row.id);
  }

  async outlook(before: string): Promise<{ expired: number; kept: number }> {
    const { rows } = await this.db.query<OutlookRow>(...positional(RETENTION_OUTLOOK, { before }));
    return { expired: rows[0].expired, kept: rows[0].finished - rows[0].expired };
  }

  async recordedBytes(): Promise<number> {
    const { rows } = await this.db.query<{ bytes: number | string }>(RECORDED_BYTES);
    return Number(rows[0].bytes);
  }
}
