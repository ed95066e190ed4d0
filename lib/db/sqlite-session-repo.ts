import "server-only";
import type { Db } from "./client";
import { type NewSession, SESSION_SQL, type SessionRepo } from "./session-repo";
import { StatementCache } from "./statements";

/** SessionRepo on SQLite, in the playground's database. */
export class SqliteSessionRepo implements SessionRepo {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  async create(session: NewSession): Promise<void> {
    this.statements.get(SESSION_SQL.create).run(session);
  }

  async isLive(id: string, now: string): Promise<boolean> {
    return this.statements.get(SESSION_SQL.isLive).get({ id, now }) !== undefined;
  }

  async revoke(id: string, now: string): Promise<boolean> {
    return this.statements.get(SESSION_SQL.revoke).run({ id, now }).changes > 0;
  }

  async revokeAll(now: string): Promise<number> {
    return this.statements.get(SESSION_SQL.revokeAll).run({ now }).changes;
  }

  async removeExpired(now: string): Promise<number> {
    return this.statements.get(SESSION_SQL.removeExpired).run({ now }).changes;
  }
}
