import "server-only";
import {
  type EngineName,
  type HistoryPageOf,
  type HistoryQuery,
  type InputImage,
  type NewPrediction,
  type PredictionPatch,
  type PredictionRecord,
  type PredictionStatus,
  type StoredOutput,
  statusesBefore,
  UNFINISHED_STATUSES,
} from "../domain";
import type { Db } from "./client";
import { historyWhere } from "./history-query";
import type {
  Ancestor,
  ClaimOutcome,
  IdempotencyClaim,
  ImageTotals,
  PredictionRepo,
  Spend,
  UpdateOutcome,
} from "./prediction-repo";
import {
  byPrediction,
  INSERT_OUTPUT,
  INSERT_PREDICTION,
  type InputRow,
  inputStatements,
  nextDay,
  type OutputRow,
  outputParams,
  PATCH_COLUMNS,
  type PredictionRow,
  predictionParams,
  SELECT_INPUTS,
  toInputImage,
  toOutput,
  toRecord,
  withDefaults,
} from "./prediction-rows";
import { type ImageTotalRow, SPEND_ON_DAY, type SpendRow, toImageTotals, toSpend } from "./spend-rows";
import { StatementCache } from "./statements";

/** PredictionRepo on SQLite (better-sqlite3): every SQL statement about predictions lives here. */
export class SqlitePredictionRepo implements PredictionRepo {
  private readonly statements: StatementCache;

  constructor(private readonly db: Db) {
    this.statements = new StatementCache(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  async create(prediction: NewPrediction): Promise<PredictionRecord> {
    return this.writing(() => this.insert(prediction));
  }

  async createOnce(prediction: NewPrediction, claim: IdempotencyClaim): Promise<ClaimOutcome> {
    // IMMEDIATE takes the write lock before the lookup, so two processes cannot both find the key free.
    const claimOnce = this.db.transaction((): ClaimOutcome => {
      this.sql(`DELETE FROM idempotency_keys WHERE key = ? AND created_at < ?`).run(claim.key, claim.expiredBefore);
      const held = this.heldClaim(claim);
      if (held) return held;
      const created = this.insert(prediction);
      this.sql(`INSERT INTO idempotency_keys (key, fingerprint, prediction_id, created_at) VALUES (?, ?, ?, ?)`).run(
        claim.key,
        claim.fingerprint,
        prediction.id,
        claim.createdAt,
      );
      return { outcome: "created", record: created };
    });
    return this.writing(() => claimOnce.immediate());
  }

  async findClaim(claim: IdempotencyClaim): Promise<ClaimOutcome | undefined> {
    return this.heldClaim(claim);
  }

  async forgetIdempotencyKeys(before: string): Promise<number> {
    return this.writing(() => this.sql(`DELETE FROM idempotency_keys WHERE created_at < ?`).run(before).changes);
  }

  async get(id: string): Promise<PredictionRecord | undefined> {
    return this.read(id);
  }

  async getStatus(id: string): Promise<PredictionStatus | undefined> {
    return this.statusOf(id);
  }

  async getState(id: string): Promise<Pick<PredictionRecord, "status" | "updatedAt"> | undefined> {
    const row = this.sql(`SELECT status, updated_at FROM predictions WHERE id = ?`).get(id) as
      | Pick<PredictionRow, "status" | "updated_at">
      | undefined;
    return row && { status: row.status, updatedAt: row.updated_at };
  }

  async findByUpstreamId(upstreamId: string): Promise<PredictionRecord | undefined> {
    const row = this.sql(`SELECT * FROM predictions WHERE upstream_id = ?`).get(upstreamId) as PredictionRow | undefined;
    return row && this.withOutputs([row])[0];
  }

  async update(id: string, patch: PredictionPatch): Promise<UpdateOutcome> {
    return this.writing(() => this.write(id, patch));
  }

  async complete(
    id: string,
    outputs: StoredOutput[],
    patch: Omit<PredictionPatch, "status">,
  ): Promise<PredictionRecord | undefined> {
    // An upsert, not INSERT OR REPLACE: a replace would fire the image-count trigger a second time.
    const insert = this.sql(
      `${INSERT_OUTPUT} ON CONFLICT (prediction_id, idx) DO UPDATE SET file = excluded.file, content_type = excluded.content_type,
         width = excluded.width, height = excluded.height, bytes = excluded.bytes, nsfw = excluded.nsfw,
         source_url = excluded.source_url`,
    );
    const completeOnce = this.db.transaction(() => {
      // The status check and the writes in one transaction: a terminal prediction keeps its outputs.
      if (this.write(id, { ...patch, status: "completed" }) !== "updated") return false;
      for (const output of outputs) insert.run(outputParams(id, output));
      return true;
    });
    return this.writing(() => completeOnce()) ? this.read(id) : undefined;
  }

  async failUnsent(ids: string[], error: string, completedAt: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = this.writing(() =>
      this.sql(
        `UPDATE predictions SET status = 'failed', error = @error, completed_at = @completedAt, updated_at = @completedAt
         WHERE id IN (SELECT value FROM json_each(@ids)) AND status = 'created' AND submit_state = 'pending' RETURNING id`,
      ).all({ ids: JSON.stringify(ids), error, completedAt }),
    ) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  async listUnfinished(): Promise<PredictionRecord[]> {
    const rows = this.sql(
      `SELECT * FROM predictions WHERE status IN ('created', 'processing') ORDER BY created_at, id`,
    ).all() as PredictionRow[];
    return this.withOutputs(rows);
  }

  async list(query: HistoryQuery): Promise<HistoryPageOf<PredictionRecord>> {
    const { where, params } = historyWhere(query);
    // Every unfiltered shape reads through an index in history order (predictions_created_at, or
    // predictions_status_created_at_id with a status) and stops at the page's end; the other
    // filters drop rows on the way, so a page reads about limit / (share of matching rows).
    const rows = this.sql(
      `SELECT * FROM predictions p ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ).all({ ...params, limit: query.limit + 1 }) as PredictionRow[];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? `${last.created_at}|${last.id}` : null;
    return { items: this.withOutputs(page), nextCursor };
  }

  /** Kept by triggers, see migrations 2 and 10: one tiny read instead of a join over every output. */
  async imageTotals(): Promise<ImageTotals> {
    return toImageTotals(this.sql(`SELECT engine, images, mills FROM image_totals`).all() as ImageTotalRow[]);
  }

  async countUnfinished(): Promise<number> {
    return (this.sql(`SELECT COUNT(*) AS n FROM predictions WHERE status IN ('created', 'processing')`).get() as { n: number }).n;
  }

  async spendOn(engine: EngineName, day: string): Promise<Spend> {
    // A range on created_at reads the day through predictions_created_at; ISO strings sort as times do.
    const row = this.sql(SPEND_ON_DAY).get({ engine, day, nextDay: nextDay(day) }) as SpendRow;
    return toSpend(row);
  }

  async delete(id: string): Promise<boolean> {
    return this.writing(() => this.sql(`DELETE FROM predictions WHERE id = ?`).run(id).changes > 0);
  }

  async setNote(id: string, note: string): Promise<PredictionRecord | undefined> {
    const { changes } = this.writing(() =>
      this.sql(`UPDATE predictions SET note = ?, updated_at = ? WHERE id = ?`).run(note, new Date().toISOString(), id),
    );
    return changes > 0 ? this.read(id) : undefined;
  }

  async setStar(id: string, index: number, starred: boolean): Promise<PredictionRecord | undefined> {
    const starOnce = this.db.transaction(() => {
      const { changes } = this.sql(`UPDATE prediction_outputs SET starred = ? WHERE prediction_id = ? AND idx = ?`).run(
        starred ? 1 : 0,
        id,
        index,
      );
      // The record's updated_at orders views of it in the browser; a star is a change to it.
      if (changes > 0) this.sql(`UPDATE predictions SET updated_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
      return changes > 0;
    });
    return this.writing(() => starOnce()) ? this.read(id) : undefined;
  }

  async ancestors(id: string, max: number): Promise<Ancestor[]> {
    // A recursive CTE (SQL:1999, also in PostgreSQL); the depth cap also stops an imported cycle.
    const rows = this.sql(
      `WITH RECURSIVE chain (ancestor_id, depth) AS (
         SELECT parent_id, 1 FROM predictions WHERE id = @id AND parent_id IS NOT NULL
         UNION ALL
         SELECT p.parent_id, chain.depth + 1 FROM chain JOIN predictions p ON p.id = chain.ancestor_id
           WHERE p.parent_id IS NOT NULL AND chain.depth < @max
       )
       SELECT chain.ancestor_id, p.* FROM chain LEFT JOIN predictions p ON p.id = chain.ancestor_id ORDER BY chain.depth DESC`,
    ).all({ id, max }) as Array<PredictionRow & { ancestor_id: string }>;
    const found = this.withOutputs(rows.filter((row) => row.id !== null));
    const byId = new Map(found.map((record) => [record.id, record]));
    return rows.map((row) => ({ id: row.ancestor_id, record: byId.get(row.ancestor_id) }));
  }

  async children(id: string): Promise<PredictionRecord[]> {
    const rows = this.sql(`SELECT * FROM predictions WHERE parent_id = ? ORDER BY created_at, id`).all(id) as PredictionRow[];
    return this.withOutputs(rows);
  }

  async threadSizes(threadIds: string[]): Promise<Record<string, number>> {
    if (threadIds.length === 0) return {};
    const rows = this.sql(
      `SELECT thread_id, COUNT(*) AS size FROM predictions WHERE thread_id IN (SELECT value FROM json_each(?)) GROUP BY thread_id`,
    ).all(JSON.stringify([...new Set(threadIds)])) as { thread_id: string; size: number }[];
    return Object.fromEntries(rows.map((row) => [row.thread_id, row.size]));
  }

  async sweepCells(sweepId: string): Promise<PredictionRecord[]> {
    const rows = this.sql(`SELECT * FROM predictions WHERE sweep_id = ? ORDER BY sweep_y, sweep_x, created_at, id`).all(
      sweepId,
    ) as PredictionRow[];
    return this.withOutputs(rows);
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = this.sql(`SELECT id FROM predictions WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as {
      id: string;
    }[];
    return new Set(rows.map((row) => row.id));
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Returns the record as stored, built from what was written rather than read back. */
  private insert(prediction: NewPrediction): PredictionRecord {
    const record = withDefaults(prediction);
    this.db.transaction(() => {
      this.sql(INSERT_PREDICTION).run(predictionParams(record));
      for (const [text, params] of inputStatements(record)) this.sql(text).run(params);
    })();
    return record;
  }

  /** The outcome an unexpired claim on the key gives; undefined when the key is free. */
  private heldClaim(claim: IdempotencyClaim): ClaimOutcome | undefined {
    const held = this.sql(`SELECT fingerprint, prediction_id FROM idempotency_keys WHERE key = ? AND created_at >= ?`).get(
      claim.key,
      claim.expiredBefore,
    ) as { fingerprint: string; prediction_id: string } | undefined;
    if (!held) return undefined;
    if (held.fingerprint !== claim.fingerprint) return { outcome: "mismatch" };
    return { outcome: "replayed", record: this.read(held.prediction_id)! };
  }

  /**
   * Runs a write; when the disk is full, resets the write-ahead log once and tries again. The WAL only
   * restarts from its beginning at a checkpoint, which on a full disk never comes by itself, so without
   * this every write (a delete included) would keep failing after space is freed elsewhere.
   */
  private writing<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_FULL") throw error;
      try {
        this.db.pragma("wal_checkpoint(TRUNCATE)");
      } catch {
        throw error;
      }
      return write();
    }
  }

  private read(id: string): PredictionRecord | undefined {
    const row = this.sql(`SELECT * FROM predictions WHERE id = ?`).get(id) as PredictionRow | undefined;
    return row && this.withOutputs([row])[0];
  }

  private statusOf(id: string): PredictionStatus | undefined {
    const row = this.sql(`SELECT status FROM predictions WHERE id = ?`).get(id) as { status: PredictionStatus } | undefined;
    return row?.status;
  }

  private write(id: string, patch: PredictionPatch): UpdateOutcome {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof PredictionPatch, unknown][];
    const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`);
    // The allowed moves are a fixed list per target status, so the statement shapes stay few.
    const guard = ` AND status IN (${(patch.status ? statusesBefore(patch.status) : UNFINISHED_STATUSES)
      .map((s) => `'${s}'`)
      .join(", ")})`;
    const { changes } = this.sql(
      `UPDATE predictions SET ${[...sets, "updated_at = @updatedAt"].join(", ")} WHERE id = @id${guard}`,
    ).run({
      ...Object.fromEntries(entries),
      updatedAt: new Date().toISOString(),
      id,
    });
    if (changes > 0) return "updated";
    return this.statusOf(id) === undefined ? "missing" : "refused";
  }

  /** Outputs (and the input images of edits) of a page of rows, one query each. */
  private withOutputs(rows: PredictionRow[]): PredictionRecord[] {
    if (rows.length === 0) return [];
    const outputs = this.outputsOfMany(rows.map((row) => row.id));
    const edits = rows.filter((row) => row.edit_kind !== null).map((row) => row.id);
    const inputs = edits.length > 0 ? this.inputsOfMany(edits) : new Map<string, InputImage[]>();
    return rows.map((row) => toRecord(row, outputs.get(row.id) ?? [], inputs.get(row.id) ?? []));
  }

  private inputsOfMany(ids: string[]): Map<string, InputImage[]> {
    const rows = this.sql(
      `${SELECT_INPUTS} WHERE pi.prediction_id IN (SELECT value FROM json_each(?)) ORDER BY pi.prediction_id, pi.idx`,
    ).all(JSON.stringify(ids)) as InputRow[];
    return byPrediction(rows, toInputImage);
  }

  private outputsOfMany(ids: string[]): Map<string, StoredOutput[]> {
    const rows = this.sql(
      `SELECT * FROM prediction_outputs WHERE prediction_id IN (SELECT value FROM json_each(?)) ORDER BY prediction_id, idx`,
    ).all(JSON.stringify(ids)) as OutputRow[];
    return byPrediction(rows, toOutput);
  }
}
