import "server-only";
import type { Statement } from "better-sqlite3";
import {
  DEFAULT_PREDICTION_OPTIONS,
  ENGINE_NAMES,
  type EngineInput,
  type EngineName,
  type HistoryPageOf,
  type HistoryQuery,
  type NewPrediction,
  type PredictionPatch,
  type PredictionRecord,
  type PredictionStatus,
  type StoredOutput,
  type SubmitState,
  statusesBefore,
} from "../domain";
import type { Db } from "./client";
import type { PredictionRepo, UpdateOutcome } from "./prediction-repo";

type PredictionRow = {
  id: string;
  engine: EngineName;
  model: string;
  status: PredictionStatus;
  prompt: string;
  aspect_ratio: EngineInput["aspect_ratio"];
  num_images: number;
  seed: number;
  seed_requested: number | null;
  guidance_scale: number;
  safety_tolerance: EngineInput["safety_tolerance"];
  upstream_id: string | null;
  submit_state: SubmitState;
  error: string;
  inference_ms: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  enable_sync_mode: number;
  enable_base64_output: number;
};

type OutputRow = {
  prediction_id: string;
  idx: number;
  file: string;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  nsfw: number;
  source_url: string | null;
};

const PATCH_COLUMNS = {
  status: "status",
  upstreamId: "upstream_id",
  submitState: "submit_state",
  error: "error",
  inferenceMs: "inference_ms",
  completedAt: "completed_at",
} as const satisfies Record<keyof PredictionPatch, string>;

const toOutput = (row: OutputRow): StoredOutput => ({
  index: row.idx,
  file: row.file,
  contentType: row.content_type,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
  nsfw: row.nsfw === 1,
  sourceUrl: row.source_url,
});

const toRecord = (row: PredictionRow, outputs: StoredOutput[]): PredictionRecord => ({
  id: row.id,
  engine: row.engine,
  model: row.model,
  status: row.status,
  input: {
    prompt: row.prompt,
    aspect_ratio: row.aspect_ratio,
    num_images: row.num_images,
    seed: row.seed,
    guidance_scale: row.guidance_scale,
    safety_tolerance: row.safety_tolerance,
  },
  seedRequested: row.seed_requested,
  upstreamId: row.upstream_id,
  submitState: row.submit_state,
  error: row.error,
  inferenceMs: row.inference_ms,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  completedAt: row.completed_at,
  outputs,
  options: { syncMode: row.enable_sync_mode === 1, base64Output: row.enable_base64_output === 1 },
});

/** PredictionRepo on SQLite (better-sqlite3): every SQL statement about predictions lives here. */
export class SqlitePredictionRepo implements PredictionRepo {
  /**
   * Statements prepared once and reused: preparing costs more than running most of them. Keyed by
   * SQL text, as `update` and `list` build theirs from their arguments (a handful of shapes each).
   */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Returns the record as stored, built from what was written rather than read back. */
  async create(record: NewPrediction): Promise<PredictionRecord> {
    const { prompt, aspect_ratio, num_images, seed, guidance_scale, safety_tolerance } = record.input;
    const input = { prompt, aspect_ratio, num_images, seed, guidance_scale, safety_tolerance };
    const options = { ...DEFAULT_PREDICTION_OPTIONS, ...record.options };
    this.sql(
      `INSERT INTO predictions (id, engine, model, status, prompt, aspect_ratio, num_images, seed, seed_requested,
         guidance_scale, safety_tolerance, upstream_id, submit_state, error, inference_ms, created_at, updated_at, completed_at,
         enable_sync_mode, enable_base64_output)
       VALUES (@id, @engine, @model, @status, @prompt, @aspect_ratio, @num_images, @seed, @seed_requested,
         @guidance_scale, @safety_tolerance, @upstream_id, @submit_state, @error, @inference_ms, @created_at, @created_at, @completed_at,
         @enable_sync_mode, @enable_base64_output)`,
    ).run({
      id: record.id,
      engine: record.engine,
      model: record.model,
      status: record.status,
      ...input,
      seed_requested: record.seedRequested,
      upstream_id: record.upstreamId,
      submit_state: record.submitState,
      error: record.error,
      inference_ms: record.inferenceMs,
      created_at: record.createdAt,
      completed_at: record.completedAt,
      enable_sync_mode: options.syncMode ? 1 : 0,
      enable_base64_output: options.base64Output ? 1 : 0,
    });
    return { ...record, input, options, updatedAt: record.createdAt, outputs: [] };
  }

  async get(id: string): Promise<PredictionRecord | undefined> {
    return this.read(id);
  }

  async getStatus(id: string): Promise<PredictionStatus | undefined> {
    return this.statusOf(id);
  }

  async findByUpstreamId(upstreamId: string): Promise<PredictionRecord | undefined> {
    const row = this.sql(`SELECT * FROM predictions WHERE upstream_id = ?`).get(upstreamId) as PredictionRow | undefined;
    return row && toRecord(row, this.outputsOf(row.id));
  }

  async update(id: string, patch: PredictionPatch): Promise<UpdateOutcome> {
    return this.write(id, patch);
  }

  async complete(
    id: string,
    outputs: StoredOutput[],
    patch: Omit<PredictionPatch, "status">,
  ): Promise<PredictionRecord | undefined> {
    // An upsert, not INSERT OR REPLACE: a replace would fire the image-count trigger a second time.
    const insert = this.sql(
      `INSERT INTO prediction_outputs (prediction_id, idx, file, content_type, width, height, bytes, nsfw, source_url)
       VALUES (@prediction_id, @idx, @file, @content_type, @width, @height, @bytes, @nsfw, @source_url)
       ON CONFLICT (prediction_id, idx) DO UPDATE SET file = excluded.file, content_type = excluded.content_type,
         width = excluded.width, height = excluded.height, bytes = excluded.bytes, nsfw = excluded.nsfw,
         source_url = excluded.source_url`,
    );
    const completed = this.db.transaction(() => {
      // The status check and the writes in one transaction: a terminal prediction keeps its outputs.
      if (this.write(id, { ...patch, status: "completed" }) !== "updated") return false;
      for (const output of outputs) {
        insert.run({
          prediction_id: id,
          idx: output.index,
          file: output.file,
          content_type: output.contentType,
          width: output.width,
          height: output.height,
          bytes: output.bytes,
          nsfw: output.nsfw ? 1 : 0,
          source_url: output.sourceUrl,
        });
      }
      return true;
    })();
    return completed ? this.read(id) : undefined;
  }

  async listUnfinished(): Promise<PredictionRecord[]> {
    const rows = this.sql(
      `SELECT * FROM predictions WHERE status IN ('created', 'processing') ORDER BY created_at, id`,
    ).all() as PredictionRow[];
    return this.withOutputs(rows);
  }

  async list(query: HistoryQuery): Promise<HistoryPageOf<PredictionRecord>> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit + 1 };
    if (query.status) {
      where.push("status = @status");
      params.status = query.status;
    }
    if (query.search) {
      where.push("prompt LIKE @search ESCAPE '\\'");
      params.search = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (query.cursor) {
      const [createdAt, id] = splitCursor(query.cursor);
      where.push("(created_at, id) < (@cursorCreatedAt, @cursorId)");
      params.cursorCreatedAt = createdAt;
      params.cursorId = id;
    }
    // Every shape reads through an index in history order (predictions_created_at, or
    // predictions_status_created_at_id with a status) and stops at the page's end; a search
    // filters rows on the way, so it reads about limit / (share of matching rows).
    const rows = this.sql(
      `SELECT * FROM predictions ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ).all(params) as PredictionRow[];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? `${last.created_at}|${last.id}` : null;
    return { items: this.withOutputs(page), nextCursor };
  }

  /** Kept by triggers, see migration 2: one tiny read instead of a join over every output. */
  async imageCounts(): Promise<Record<EngineName, number>> {
    const rows = this.sql(`SELECT engine, images FROM image_totals`).all() as { engine: EngineName; images: number }[];
    const counts = Object.fromEntries(ENGINE_NAMES.map((engine) => [engine, 0])) as Record<EngineName, number>;
    for (const row of rows) counts[row.engine] = row.images;
    return counts;
  }

  async countUnfinished(): Promise<number> {
    return (this.sql(`SELECT COUNT(*) AS n FROM predictions WHERE status IN ('created', 'processing')`).get() as { n: number }).n;
  }

  async billableImagesOn(engine: EngineName, day: string): Promise<number> {
    // A range on created_at reads the day through predictions_created_at; ISO strings sort as times do.
    const row = this.sql(
      `SELECT
         COALESCE((SELECT SUM(CASE
             WHEN p.status = 'completed' THEN (SELECT COUNT(*) FROM prediction_outputs o WHERE o.prediction_id = p.id)
             WHEN p.status IN ('created', 'processing') THEN p.num_images
             ELSE 0 END)
           FROM predictions p WHERE p.engine = @engine AND p.created_at >= @day AND p.created_at < @nextDay), 0)
         + COALESCE((SELECT images FROM spend_of_deleted WHERE day = @day AND engine = @engine), 0) AS images`,
    ).get({ engine, day, nextDay: nextDay(day) }) as { images: number };
    return row.images;
  }

  async delete(id: string): Promise<boolean> {
    return this.sql(`DELETE FROM predictions WHERE id = ?`).run(id).changes > 0;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private read(id: string): PredictionRecord | undefined {
    const row = this.sql(`SELECT * FROM predictions WHERE id = ?`).get(id) as PredictionRow | undefined;
    return row && toRecord(row, this.outputsOf(id));
  }

  private statusOf(id: string): PredictionStatus | undefined {
    const row = this.sql(`SELECT status FROM predictions WHERE id = ?`).get(id) as { status: PredictionStatus } | undefined;
    return row?.status;
  }

  private write(id: string, patch: PredictionPatch): UpdateOutcome {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof PredictionPatch, unknown][];
    const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`);
    // The allowed moves are a fixed list per target status, so the statement shapes stay few.
    const guard = patch.status
      ? ` AND status IN (${statusesBefore(patch.status)
          .map((s) => `'${s}'`)
          .join(", ")})`
      : "";
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

  private outputsOf(id: string): StoredOutput[] {
    const rows = this.sql(`SELECT * FROM prediction_outputs WHERE prediction_id = ? ORDER BY idx`).all(id) as OutputRow[];
    return rows.map(toOutput);
  }

  /** Outputs of a page of rows in one query. */
  private withOutputs(rows: PredictionRow[]): PredictionRecord[] {
    if (rows.length === 0) return [];
    const outputs = this.outputsOfMany(rows.map((row) => row.id));
    return rows.map((row) => toRecord(row, outputs.get(row.id) ?? []));
  }

  private outputsOfMany(ids: string[]): Map<string, StoredOutput[]> {
    const byId = new Map<string, StoredOutput[]>();
    const rows = this.sql(
      `SELECT * FROM prediction_outputs WHERE prediction_id IN (SELECT value FROM json_each(?)) ORDER BY prediction_id, idx`,
    ).all(JSON.stringify(ids)) as OutputRow[];
    for (const row of rows) {
      const list = byId.get(row.prediction_id) ?? [];
      list.push(toOutput(row));
      byId.set(row.prediction_id, list);
    }
    return byId;
  }
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function splitCursor(cursor: string): [string, string] {
  const at = cursor.lastIndexOf("|");
  return at < 0 ? [cursor, ""] : [cursor.slice(0, at), cursor.slice(at + 1)];
}
