import "server-only";
import type pg from "pg";
import {
  ENGINE_NAMES,
  type EngineName,
  type HistoryPageOf,
  type HistoryQuery,
  type NewPrediction,
  type PredictionPatch,
  type PredictionRecord,
  type PredictionStatus,
  type StoredOutput,
  statusesBefore,
} from "../../domain";
import type { PredictionRepo, UpdateOutcome } from "../prediction-repo";
import { type OutputRow, PATCH_COLUMNS, type PredictionRow, toOutput, toRecord } from "../prediction-rows";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** PredictionRepo on PostgreSQL (node-postgres): the same meanings as the SQLite repo, one pool. */
export class PostgresPredictionRepo implements PredictionRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(record: NewPrediction): Promise<PredictionRecord> {
    const { prompt, aspect_ratio, num_images, seed, guidance_scale, safety_tolerance } = record.input;
    const input = { prompt, aspect_ratio, num_images, seed, guidance_scale, safety_tolerance };
    await this.pool.query(
      `INSERT INTO predictions (id, engine, model, status, prompt, aspect_ratio, num_images, seed, seed_requested,
         guidance_scale, safety_tolerance, upstream_id, submit_state, error, inference_ms, created_at, updated_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)`,
      [
        record.id,
        record.engine,
        record.model,
        record.status,
        prompt,
        aspect_ratio,
        num_images,
        seed,
        record.seedRequested,
        guidance_scale,
        safety_tolerance,
        record.upstreamId,
        record.submitState,
        record.error,
        record.inferenceMs,
        record.createdAt,
        record.completedAt,
      ],
    );
    return { ...record, input, updatedAt: record.createdAt, outputs: [] };
  }

  get(id: string): Promise<PredictionRecord | undefined> {
    return this.read(this.pool, id);
  }

  async getStatus(id: string): Promise<PredictionStatus | undefined> {
    const { rows } = await this.pool.query<{ status: PredictionStatus }>("SELECT status FROM predictions WHERE id = $1", [id]);
    return rows[0]?.status;
  }

  async findByUpstreamId(upstreamId: string): Promise<PredictionRecord | undefined> {
    const { rows } = await this.pool.query<PredictionRow>("SELECT * FROM predictions WHERE upstream_id = $1", [upstreamId]);
    return rows[0] && toRecord(rows[0], await this.outputsOf(this.pool, rows[0].id));
  }

  update(id: string, patch: PredictionPatch): Promise<UpdateOutcome> {
    return this.write(this.pool, id, patch);
  }

  async complete(
    id: string,
    outputs: StoredOutput[],
    patch: Omit<PredictionPatch, "status">,
  ): Promise<PredictionRecord | undefined> {
    const completed = await this.transaction(async (client) => {
      // The status check and the writes in one transaction: a terminal prediction keeps its outputs.
      if ((await this.write(client, id, { ...patch, status: "completed" })) !== "updated") return false;
      for (const output of outputs) {
        await client.query(
          `INSERT INTO prediction_outputs (prediction_id, idx, file, content_type, width, height, bytes, nsfw, source_url)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (prediction_id, idx) DO UPDATE SET file = excluded.file, content_type = excluded.content_type,
             width = excluded.width, height = excluded.height, bytes = excluded.bytes, nsfw = excluded.nsfw,
             source_url = excluded.source_url`,
          [
            id,
            output.index,
            output.file,
            output.contentType,
            output.width,
            output.height,
            output.bytes,
            output.nsfw,
            output.sourceUrl,
          ],
        );
      }
      return true;
    });
    return completed ? this.get(id) : undefined;
  }

  async listUnfinished(): Promise<PredictionRecord[]> {
    const { rows } = await this.pool.query<PredictionRow>(
      "SELECT * FROM predictions WHERE status IN ('created', 'processing') ORDER BY created_at, id",
    );
    return this.withOutputs(rows);
  }

  async list(query: HistoryQuery): Promise<HistoryPageOf<PredictionRecord>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.status) where.push(`status = ${param(query.status)}`);
    // ILIKE ignores case as SQLite's LIKE does for ASCII; % and _ in the search are matched literally.
    if (query.search) where.push(`prompt ILIKE ${param(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
    if (query.cursor) {
      const at = query.cursor.lastIndexOf("|");
      const [createdAt, id] = at < 0 ? [query.cursor, ""] : [query.cursor.slice(0, at), query.cursor.slice(at + 1)];
      where.push(`(created_at, id) < (${param(createdAt)}, ${param(id)})`);
    }
    const { rows } = await this.pool.query<PredictionRow>(
      `SELECT * FROM predictions ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY created_at DESC, id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? `${last.created_at}|${last.id}` : null;
    return { items: await this.withOutputs(page), nextCursor };
  }

  async imageCounts(): Promise<Record<EngineName, number>> {
    const { rows } = await this.pool.query<{ engine: EngineName; images: number }>("SELECT engine, images FROM image_totals");
    const counts = Object.fromEntries(ENGINE_NAMES.map((engine) => [engine, 0])) as Record<EngineName, number>;
    for (const row of rows) counts[row.engine] = row.images;
    return counts;
  }

  async delete(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("DELETE FROM predictions WHERE id = $1", [id]);
    return (rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async read(db: Queryable, id: string): Promise<PredictionRecord | undefined> {
    const { rows } = await db.query<PredictionRow>("SELECT * FROM predictions WHERE id = $1", [id]);
    return rows[0] && toRecord(rows[0], await this.outputsOf(db, id));
  }

  private async write(db: Queryable, id: string, patch: PredictionPatch): Promise<UpdateOutcome> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof PredictionPatch, unknown][];
    const params: unknown[] = [id];
    const param = (value: unknown) => `$${params.push(value)}`;
    const sets = entries.map(([key, value]) => `${PATCH_COLUMNS[key]} = ${param(value)}`);
    sets.push(`updated_at = ${param(new Date().toISOString())}`);
    const guard = patch.status ? ` AND status = ANY(${param(statusesBefore(patch.status))})` : "";
    const { rowCount } = await db.query(`UPDATE predictions SET ${sets.join(", ")} WHERE id = $1${guard}`, params);
    if ((rowCount ?? 0) > 0) return "updated";
    const { rows } = await db.query("SELECT 1 FROM predictions WHERE id = $1", [id]);
    return rows.length === 0 ? "missing" : "refused";
  }

  private async outputsOf(db: Queryable, id: string): Promise<StoredOutput[]> {
    const { rows } = await db.query<OutputRow>("SELECT * FROM prediction_outputs WHERE prediction_id = $1 ORDER BY idx", [id]);
    return rows.map(toOutput);
  }

  /** Outputs of a page of rows in one query. */
  private async withOutputs(rows: PredictionRow[]): Promise<PredictionRecord[]> {
    if (rows.length === 0) return [];
    const { rows: outputRows } = await this.pool.query<OutputRow>(
      "SELECT * FROM prediction_outputs WHERE prediction_id = ANY($1) ORDER BY prediction_id, idx",
      [rows.map((row) => row.id)],
    );
    const byId = new Map<string, StoredOutput[]>();
    for (const row of outputRows) byId.set(row.prediction_id, [...(byId.get(row.prediction_id) ?? []), toOutput(row)]);
    return rows.map((row) => toRecord(row, byId.get(row.id) ?? []));
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
