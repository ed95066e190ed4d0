import "server-only";
import { type NewSession, SESSION_SQL, type SessionRepo } from "../session-repo";
import { type PostgresDb, positional } from "./db";

/** SessionRepo on PostgreSQL: every instance sees a sign-out at once. */
export class PostgresSessionRepo implements SessionRepo {
  constructor(private readonly db: PostgresDb) {}

  async create(session: NewSession): Promise<void> {
    await this.db.query(...positional(SESSION_SQL.create, session));
  }

  async isLive(id: string, now: string): Promise<boolean> {
    return (await this.db.query(...positional(SESSION_SQL.isLive, { id, now }))).rows.length > 0;
  }

  async revoke(id: string, now: string): Promise<boolean> {
    return ((await this.db.query(...positional(SESSION_SQL.revoke, { id, now }))).rowCount ?? 0) > 0;
  }

  async revokeAll(now: string): Promise<number> {
    return (await this.db.query(...positional(SESSION_SQL.revokeAll, { now }))).rowCount ?? 0;
  }

  async removeExpired(now: string): Promise<number> {
    return (await this.db.query(...positional(SESSION_SQL.removeExpired, { now }))).rowCount ?? 0;
  }
}
