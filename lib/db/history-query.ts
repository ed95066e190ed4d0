import "server-only";
import type { HistoryQuery } from "../domain";

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The WHERE clauses and parameters of a history query over `predictions p`, for SQLite and
 * Postgres alike. `like`: the operator that ignores case (SQLite's LIKE does; Postgres's ILIKE).
 */
export function historyWhere(
  query: HistoryQuery,
  like: "LIKE" | "ILIKE" = "LIKE",
): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.status) {
    where.push("status = @status");
    params.status = query.status;
  }
  if (query.model) {
    where.push("model_name = @model");
    params.model = query.model;
  }
  if (query.search) {
    where.push(`(prompt ${like} @search ESCAPE '\\' OR note ${like} @search ESCAPE '\\')`);
    params.search = likePattern(query.search);
  }
  if (query.starred) {
    where.push("EXISTS (SELECT 1 FROM prediction_outputs o WHERE o.prediction_id = p.id AND o.starred = 1)");
  }
  if (query.hasNote) where.push("note <> ''");
  if (query.threadId) {
    where.push("thread_id = @threadId");
    params.threadId = query.threadId;
  }
  if (query.sweepId) {
    where.push("sweep_id = @sweepId");
    params.sweepId = query.sweepId;
  }
  if (query.groupByThread) {
    // The oldest run still present stands for its thread.
    where.push(
      "NOT EXISTS (SELECT 1 FROM predictions older WHERE older.thread_id = p.thread_id AND (older.created_at, older.id) < (p.created_at, p.id))",
    );
  }
  if (query.collapseSweeps) {
    // Runs outside a sweep pass at once; of a sweep's cells, only the oldest (as groupByThread does for threads).
    where.push(
      "(p.sweep_id IS NULL OR NOT EXISTS (SELECT 1 FROM predictions earlier WHERE earlier.sweep_id = p.sweep_id AND (earlier.created_at, earlier.id) < (p.created_at, p.id)))",
    );
  }
  if (query.cursor) {
    const [createdAt, id] = splitCursor(query.cursor);
    where.push("(created_at, id) < (@cursorCreatedAt, @cursorId)");
    params.cursorCreatedAt = createdAt;
    params.cursorId = id;
  }
  return { where, params };
}

function splitCursor(cursor: string): [string, string] {
  const at = cursor.lastIndexOf("|");
  return at < 0 ? [cursor, ""] : [cursor.slice(0, at), cursor.slice(at + 1)];
}
