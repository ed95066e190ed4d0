import "server-only";
import type { EngineInput, PredictionStatus } from "../contract";
import type { Db } from "./client";

export type EngineName = "local" | "wavespeed";
/** pending: not sent yet; submitting: sent, answer not stored; submitted: upstream id known. */
export type SubmitState = "pending" | "submitting" | "submitted";

export type StoredOutput = {
  index: number;
  file: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
  nsfw: boolean;
  sourceUrl: string | null;
};

export type PredictionRecord = {
  id: string;
  engine: EngineName;
  model: string;
  status: PredictionStatus;
  input: EngineInput;
  seedRequested: number | null;
  upstreamId: string | null;
  submitState: SubmitState;
  error: string;
  inferenceMs: number;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  outputs: StoredOutput[];
};

export type PredictionPatch = Partial<
  Pick<PredictionRecord, "status" | "upstreamId" | "submitState" | "error" | "inferenceMs" | "completedAt">
>;

export type HistoryQuery = {
  limit: number;
  /** `created_at|id` of the last row already shown. */
  cursor?: string;
  search?: string;
  status?: PredictionStatus;
};

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
});

/** Every SQL statement the app runs lives here. */
export class PredictionStore {
  constructor(private readonly db: Db) {}

  insert(record: Omit<PredictionRecord, "outputs" | "updatedAt">): PredictionRecord {
    const { input } = record;
    this.db
      .prepare(
        `INSERT INTO predictions (id, engine, model, status, prompt, aspect_ratio, num_images, seed, seed_requested,
           guidance_scale, safety_tolerance, upstream_id, submit_state, error, inference_ms, created_at, updated_at, completed_at)
         VALUES (@id, @engine, @model, @status, @prompt, @aspect_ratio, @num_images, @seed, @seed_requested,
           @guidance_scale, @safety_tolerance, @upstream_id, @submit_state, @error, @inference_ms, @created_at, @created_at, @completed_at)`,
      )
      .run({
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
      });
    return this.get(record.id)!;
  }

  get(id: string): PredictionRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM predictions WHERE id = ?`).get(id) as PredictionRow | undefined;
    if (!row) return undefined;
    return toRecord(row, this.outputsOf([id]).get(id) ?? []);
  }

  findByUpstreamId(upstreamId: string): PredictionRecord | undefined {
    const row = this.db.prepare(`SELECT id FROM predictions WHERE upstream_id = ?`).get(upstreamId) as
      | { id: string }
      | undefined;
    return row ? this.get(row.id) : undefined;
  }

  update(id: string, patch: PredictionPatch): PredictionRecord | undefined {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof PredictionPatch, unknown][];
    const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`);
    this.db
      .prepare(`UPDATE predictions SET ${[...sets, "updated_at = @updatedAt"].join(", ")} WHERE id = @id`)
      .run({ ...Object.fromEntries(entries), updatedAt: new Date().toISOString(), id });
    return this.get(id);
  }

  /** Stores the mirrored outputs and the final status in one transaction. */
  complete(id: string, outputs: StoredOutput[], patch: PredictionPatch): PredictionRecord | undefined {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO prediction_outputs (prediction_id, idx, file, content_type, width, height, bytes, nsfw, source_url)
       VALUES (@prediction_id, @idx, @file, @content_type, @width, @height, @bytes, @nsfw, @source_url)`,
    );
    this.db.transaction(() => {
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
      this.update(id, patch);
    })();
    return this.get(id);
  }

  listUnfinished(): PredictionRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM predictions WHERE status IN ('created', 'processing') ORDER BY created_at, id`)
      .all() as PredictionRow[];
    return this.withOutputs(rows);
  }

  list(query: HistoryQuery): { items: PredictionRecord[]; nextCursor: string | null } {
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
      where.push("(created_at < @cursorCreatedAt OR (created_at = @cursorCreatedAt AND id < @cursorId))");
      params.cursorCreatedAt = createdAt;
      params.cursorId = id;
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM predictions ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      )
      .all(params) as PredictionRow[];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? `${last.created_at}|${last.id}` : null;
    return { items: this.withOutputs(page), nextCursor };
  }

  /** Images made so far, by engine, for the running cost total. */
  imageCounts(): Record<EngineName, number> {
    const rows = this.db
      .prepare(
        `SELECT p.engine AS engine, COUNT(o.idx) AS images FROM predictions p
         JOIN prediction_outputs o ON o.prediction_id = p.id GROUP BY p.engine`,
      )
      .all() as { engine: EngineName; images: number }[];
    const counts: Record<EngineName, number> = { local: 0, wavespeed: 0 };
    for (const row of rows) counts[row.engine] = row.images;
    return counts;
  }

  delete(id: string): boolean {
    return this.db.prepare(`DELETE FROM predictions WHERE id = ?`).run(id).changes > 0;
  }

  private withOutputs(rows: PredictionRow[]): PredictionRecord[] {
    const outputs = this.outputsOf(rows.map((row) => row.id));
    return rows.map((row) => toRecord(row, outputs.get(row.id) ?? []));
  }

  private outputsOf(ids: string[]): Map<string, StoredOutput[]> {
    const byId = new Map<string, StoredOutput[]>();
    if (ids.length === 0) return byId;
    const rows = this.db
      .prepare(
        `SELECT * FROM prediction_outputs WHERE prediction_id IN (SELECT value FROM json_each(?)) ORDER BY prediction_id, idx`,
      )
      .all(JSON.stringify(ids)) as OutputRow[];
    for (const row of rows) {
      const list = byId.get(row.prediction_id) ?? [];
      list.push(toOutput(row));
      byId.set(row.prediction_id, list);
    }
    return byId;
  }
}

function splitCursor(cursor: string): [string, string] {
  const at = cursor.lastIndexOf("|");
  return at < 0 ? [cursor, ""] : [cursor.slice(0, at), cursor.slice(at + 1)];
}
