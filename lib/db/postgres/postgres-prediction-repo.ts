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
} from "../../domain";
import { historyWhere } from "../history-query";
import type {
  Ancestor,
  ClaimOutcome,
  IdempotencyClaim,
  ImageTotals,
  PredictionRepo,
  Spend,
  UpdateOutcome,
} from "../prediction-repo";
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
} from "../prediction-rows";
import { type ImageTotalRow, SPEND_ON_DAY, type SpendRow, toImageTotals, toSpend } from "../spend-rows";
import { type PostgresDb, positional, type Queryable } from "./db";

/** Who this instance is in claims on unfinished runs, and how long a claim holds unrenewed. */
export type ClaimIdentity = { owner: string; leaseMs: number };

/** The shared insert, claimed by this instance in the same statement when the run is unfinished. */
const INSERT_CLAIMED = INSERT_PREDICTION.replace(/\)\s*VALUES \(/, ", claimed_by, lease_until) VALUES (").replace(
  /\)\s*$/,
  ", @claimed_by, CASE WHEN @claimed_by::text IS NULL THEN NULL ELSE now() + @lease_ms * interval '1 millisecond' END)",
);

const UPSERT_OUTPUT = `${INSERT_OUTPUT} ON CONFLICT (prediction_id, idx) DO UPDATE SET file = excluded.file,
  content_type = excluded.content_type, width = excluded.width, height = excluded.height, bytes = excluded.bytes,
  nsfw = excluded.nsfw, source_url = excluded.source_url`;

/**
 * PredictionRepo on PostgreSQL (node-postgres), with the SQLite repo's meanings and SQL shapes.
 * A run is claimed by the instance that takes it from the shared line (work-claims.ts); the
 * tracker's writes (update, complete) land only while this instance still holds that claim, so an
 * instance that lost its lease cannot overwrite the one that took the run over.
 */
export class PostgresPredictionRepo implements PredictionRepo {
  constructor(
    private readonly db: PostgresDb,
    private readonly identity: ClaimIdentity,
  ) {}

  async create(prediction: NewPrediction): Promise<PredictionRecord> {
    // An edit's input rows go with it, or nothing does.
    if (prediction.input.edit) return this.db.transaction((client) => this.insert(client, prediction));
    return this.insert(this.db, prediction);
  }

  async createOnce(prediction: NewPrediction, claim: IdempotencyClaim): Promise<ClaimOutcome> {
    return this.db.transaction(async (client) => {
      // Concurrent claims of one key queue on this lock, so exactly one finds the key free.
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`idempotency:${claim.key}`]);
      await client.query("DELETE FROM idempotency_keys WHERE key = $1 AND created_at < $2", [claim.key, claim.expiredBefore]);
      const held = await this.heldClaim(client, claim);
      if (held) return held;
      const record = await this.insert(client, prediction);
      await client.query("INSERT INTO idempotency_keys (key, fingerprint, prediction_id, created_at) VALUES ($1, $2, $3, $4)", [
        claim.key,
        claim.fingerprint,
        prediction.id,
        claim.createdAt,
      ]);
      return { outcome: "created", record };
    });
  }

  async findClaim(claim: IdempotencyClaim): Promise<ClaimOutcome | undefined> {
    return this.heldClaim(this.db, claim);
  }

  async forgetIdempotencyKeys(before: string): Promise<number> {
    const { rowCount } = await this.db.query("DELETE FROM idempotency_keys WHERE created_at < $1", [before]);
    return rowCount ?? 0;
  }

  get(id: string): Promise<PredictionRecord | undefined> {
    return this.read(this.db, id);
  }

  async getStatus(id: string): Promise<PredictionStatus | undefined> {
    const { rows } = await this.db.query<{ status: PredictionStatus }>("SELECT status FROM predictions WHERE id = $1", [id]);
    return rows[0]?.status;
  }

  async getState(id: string): Promise<Pick<PredictionRecord, "status" | "updatedAt"> | undefined> {
    const { rows } = await this.db.query<Pick<PredictionRow, "status" | "updated_at">>(
      "SELECT status, updated_at FROM predictions WHERE id = $1",
      [id],
    );
    return rows[0] && { status: rows[0].status, updatedAt: rows[0].updated_at };
  }

  async findByUpstreamId(upstreamId: string): Promise<PredictionRecord | undefined> {
    const { rows } = await this.db.query<PredictionRow>("SELECT * FROM predictions WHERE upstream_id = $1", [upstreamId]);
    return (await this.withOutputs(this.db, rows))[0];
  }

  async list(query: HistoryQuery): Promise<HistoryPageOf<PredictionRecord>> {
    const { where, params } = historyWhere(query, "ILIKE");
    const [text, values] = positional(
      `SELECT * FROM predictions p ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
      { ...params, limit: query.limit + 1 },
    );
    const { rows } = await this.db.query<PredictionRow>(text, values);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? `${last.created_at}|${last.id}` : null;
    return { items: await this.withOutputs(this.db, page), nextCursor };
  }

  async listUnfinished(): Promise<PredictionRecord[]> {
    return this.select("SELECT * FROM predictions WHERE status IN ('created', 'processing') ORDER BY created_at, id");
  }

  update(id: string, patch: PredictionPatch): Promise<UpdateOutcome> {
    return this.write(this.db, id, patch);
  }

  async complete(
    id: string,
    outputs: StoredOutput[],
    patch: Omit<PredictionPatch, "status">,
  ): Promise<PredictionRecord | undefined> {
    const completed = await this.db.transaction(async (client) => {
      // The status check and the writes in one transaction: a terminal prediction keeps its outputs.
      if ((await this.write(client, id, { ...patch, status: "completed" })) !== "updated") return false;
      for (const output of outputs) await client.query(...positional(UPSERT_OUTPUT, outputParams(id, output)));
      return true;
    });
    return completed ? this.get(id) : undefined;
  }

  async failUnsent(ids: string[], error: string, completedAt: string): Promise<string[]> {
    if (ids.length === 0) return [];
    // Out of the line and off any instance that placed it: its submit's claim check then refuses it.
    const { rows } = await this.db.query<{ id: string }>(
      `UPDATE predictions SET status = 'failed', error = $2, completed_at = $3, updated_at = $3,
         claimed_by = NULL, lease_until = NULL, holds_place = false
       WHERE id = ANY($1) AND status = 'created' AND submit_state = 'pending' RETURNING id`,
      [ids, error, completedAt],
    );
    return rows.map((row) => row.id);
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query("DELETE FROM predictions WHERE id = $1", [id]);
    return (rowCount ?? 0) > 0;
  }

  async imageTotals(): Promise<ImageTotals> {
    return toImageTotals((await this.db.query<ImageTotalRow>("SELECT engine, images, mills FROM image_totals")).rows);
  }

  async countUnfinished(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM predictions WHERE status IN ('created', 'processing')",
    );
    return rows[0].n;
  }

  async spendOn(engine: EngineName, day: string): Promise<Spend> {
    const { rows } = await this.db.query<SpendRow>(...positional(SPEND_ON_DAY, { engine, day, nextDay: nextDay(day) }));
    return toSpend(rows[0]);
  }

  async setNote(id: string, note: string): Promise<PredictionRecord | undefined> {
    const { rowCount } = await this.db.query("UPDATE predictions SET note = $1, updated_at = $2 WHERE id = $3", [
      note,
      new Date().toISOString(),
      id,
    ]);
    return rowCount ? this.get(id) : undefined;
  }

  async setStar(id: string, index: number, starred: boolean): Promise<PredictionRecord | undefined> {
    const changed = await this.db.transaction(async (client) => {
      const { rowCount } = await client.query(
        "UPDATE prediction_outputs SET starred = $1 WHERE prediction_id = $2 AND idx = $3",
        [starred ? 1 : 0, id, index],
      );
      // The record's updated_at orders views of it in the browser; a star is a change to it.
      if (rowCount) await client.query("UPDATE predictions SET updated_at = $1 WHERE id = $2", [new Date().toISOString(), id]);
      return (rowCount ?? 0) > 0;
    });
    return changed ? this.get(id) : undefined;
  }

  async ancestors(id: string, max: number): Promise<Ancestor[]> {
    const { rows } = await this.db.query<PredictionRow & { ancestor_id: string }>(
      `WITH RECURSIVE chain (ancestor_id, depth) AS (
         SELECT parent_id, 1 FROM predictions WHERE id = $1 AND parent_id IS NOT NULL
         UNION ALL
         SELECT p.parent_id, chain.depth + 1 FROM chain JOIN predictions p ON p.id = chain.ancestor_id
           WHERE p.parent_id IS NOT NULL AND chain.depth < $2
       )
       SELECT chain.ancestor_id, p.* FROM chain LEFT JOIN predictions p ON p.id = chain.ancestor_id ORDER BY chain.depth DESC`,
      [id, max],
    );
    const found = await this.withOutputs(
      this.db,
      rows.filter((row) => row.id !== null),
    );
    const byId = new Map(found.map((record) => [record.id, record]));
    return rows.map((row) => ({ id: row.ancestor_id, record: byId.get(row.ancestor_id) }));
  }

  children(id: string): Promise<PredictionRecord[]> {
    return this.select("SELECT * FROM predictions WHERE parent_id = $1 ORDER BY created_at, id", [id]);
  }

  async threadSizes(threadIds: string[]): Promise<Record<string, number>> {
    if (threadIds.length === 0) return {};
    const { rows } = await this.db.query<{ thread_id: string; size: number }>(
      "SELECT thread_id, count(*) AS size FROM predictions WHERE thread_id = ANY($1) GROUP BY thread_id",
      [[...new Set(threadIds)]],
    );
    return Object.fromEntries(rows.map((row) => [row.thread_id, row.size]));
  }

  sweepCells(sweepId: string): Promise<PredictionRecord[]> {
    return this.select("SELECT * FROM predictions WHERE sweep_id = $1 ORDER BY sweep_y, sweep_x, created_at, id", [sweepId]);
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await this.db.query<{ id: string }>("SELECT id FROM predictions WHERE id = ANY($1)", [ids]);
    return new Set(rows.map((row) => row.id));
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /**
   * Stores the run; returns it as a read would, built from what was written. An unsent run waits in
   * the shared line, nobody's; one already sent (an import, a test) is claimed by this instance.
   */
  private async insert(db: Queryable, prediction: NewPrediction): Promise<PredictionRecord> {
    const record = withDefaults(prediction);
    const unfinished = prediction.status === "created" || prediction.status === "processing";
    const claimed = unfinished && record.submitState !== "pending";
    const [text, values] = positional(INSERT_CLAIMED, {
      ...predictionParams(record),
      claimed_by: claimed ? this.identity.owner : null,
      lease_ms: this.identity.leaseMs,
    });
    await db.query(text, values);
    for (const [sql, params] of inputStatements(record)) await db.query(...positional(sql, params));
    return record;
  }

  private async heldClaim(db: Queryable, claim: IdempotencyClaim): Promise<ClaimOutcome | undefined> {
    const { rows } = await db.query<{ fingerprint: string; prediction_id: string }>(
      "SELECT fingerprint, prediction_id FROM idempotency_keys WHERE key = $1 AND created_at >= $2",
      [claim.key, claim.expiredBefore],
    );
    const held = rows[0];
    if (!held) return undefined;
    if (held.fingerprint !== claim.fingerprint) return { outcome: "mismatch" };
    return { outcome: "replayed", record: (await this.read(db, held.prediction_id))! };
  }

  /** Writes the patch where the domain allows the status move and this instance holds the run's claim. */
  private async write(db: Queryable, id: string, patch: PredictionPatch): Promise<UpdateOutcome> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof PredictionPatch, unknown][];
    const params: unknown[] = [id, this.identity.owner];
    const param = (value: unknown) => `$${params.push(value)}`;
    const sets = entries.map(([key, value]) => `${PATCH_COLUMNS[key]} = ${param(value)}`);
    sets.push(`updated_at = ${param(new Date().toISOString())}`);
    const guard = ` AND status = ANY(${param(patch.status ? statusesBefore(patch.status) : UNFINISHED_STATUSES)})`;
    const { rowCount } = await db.query(
      `UPDATE predictions SET ${sets.join(", ")} WHERE id = $1 AND (claimed_by = $2 OR (claimed_by IS NULL AND status NOT IN ('created', 'processing')))${guard}`,
      params,
    );
    if (rowCount) return "updated";
    const { rows } = await db.query("SELECT 1 FROM predictions WHERE id = $1", [id]);
    return rows.length === 0 ? "missing" : "refused";
  }

  private async read(db: Queryable, id: string): Promise<PredictionRecord | undefined> {
    const { rows } = await db.query<PredictionRow>("SELECT * FROM predictions WHERE id = $1", [id]);
    return (await this.withOutputs(db, rows))[0];
  }

  private async select(text: string, params: unknown[] = []): Promise<PredictionRecord[]> {
    const { rows } = await this.db.query<PredictionRow>(text, params);
    return this.withOutputs(this.db, rows);
  }

  /** Outputs (and the input images of edits) of a page of rows, one query each. */
  private async withOutputs(db: Queryable, rows: PredictionRow[]): Promise<PredictionRecord[]> {
    if (rows.length === 0) return [];
    const { rows: outputRows } = await db.query<OutputRow>(
      "SELECT * FROM prediction_outputs WHERE prediction_id = ANY($1) ORDER BY prediction_id, idx",
      [rows.map((row) => row.id)],
    );
    const outputs = byPrediction(outputRows, toOutput);
    const edits = rows.filter((row) => row.edit_kind !== null).map((row) => row.id);
    let inputs = new Map<string, InputImage[]>();
    if (edits.length > 0) {
      const { rows: inputRows } = await db.query<InputRow>(
        `${SELECT_INPUTS} WHERE pi.prediction_id = ANY($1) ORDER BY pi.prediction_id, pi.idx`,
        [edits],
      );
      inputs = byPrediction(inputRows, toInputImage);
    }
    return rows.map((row) => toRecord(row, outputs.get(row.id) ?? [], inputs.get(row.id) ?? []));
  }
}
