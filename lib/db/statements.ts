import "server-only";
import type { Statement } from "better-sqlite3";
import type { Db } from "./client";

/**
 * Statements prepared once and reused: preparing costs more than running most of them. Keyed by
 * SQL text, as some queries are built from their arguments (a handful of shapes each).
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  get(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}
