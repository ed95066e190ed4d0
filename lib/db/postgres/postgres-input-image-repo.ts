import "server-only";
import type { InputImage } from "../../domain";
import type { InputImageRepo, MediaUpload, UpstreamImageRepo } from "../input-image-repo";
import { inputImageParams, REMEMBER_INPUT_IMAGE, toInputImage } from "../prediction-rows";
import { INSERT_UPLOAD, toUpload, type UploadRow, uploadParams } from "../upload-rows";
import { type PostgresDb, positional } from "./db";

/** InputImageRepo on PostgreSQL, in the predictions' database. */
export class PostgresInputImageRepo implements InputImageRepo {
  constructor(private readonly db: PostgresDb) {}

  async rememberImage(image: InputImage, createdAt: string): Promise<void> {
    await this.db.query(...positional(REMEMBER_INPUT_IMAGE, inputImageParams(image, createdAt)));
  }

  async getImage(sha256: string): Promise<InputImage | undefined> {
    const { rows } = await this.db.query<Parameters<typeof toInputImage>[0]>("SELECT * FROM input_images WHERE sha256 = $1", [
      sha256,
    ]);
    return rows[0] && toInputImage(rows[0]);
  }

  async describedImages(hashes: string[]): Promise<Set<string>> {
    const { rows } = await this.db.query<{ sha256: string }>("SELECT sha256 FROM input_images WHERE sha256 = ANY($1)", [hashes]);
    return new Set(rows.map((row) => row.sha256));
  }

  async forgetUnused(hashes: string[], now: string): Promise<string[]> {
    if (hashes.length === 0) return [];
    return this.db.transaction(async (client) => {
      // Used: named by a run, or by an upload still live. The rows are locked, so a run naming one meanwhile waits.
      const { rows } = await client.query<{ sha256: string }>(
        `SELECT i.sha256 FROM input_images i WHERE i.sha256 = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM prediction_inputs pi WHERE pi.sha256 = i.sha256)
           AND NOT EXISTS (SELECT 1 FROM media_uploads u WHERE u.sha256 = i.sha256 AND u.expires_at > $2)
         FOR UPDATE`,
        [[...new Set(hashes)], now],
      );
      const unused = rows.map((row) => row.sha256);
      // Expired uploads still name their image (a foreign key): they go with it.
      await client.query("DELETE FROM media_uploads WHERE sha256 = ANY($1)", [unused]);
      await client.query("DELETE FROM input_images WHERE sha256 = ANY($1)", [unused]);
      return unused;
    });
  }

  async createUpload(upload: MediaUpload): Promise<void> {
    await this.db.query(...positional(INSERT_UPLOAD, uploadParams(upload)));
  }

  async getUpload(id: string): Promise<MediaUpload | undefined> {
    const { rows } = await this.db.query<UploadRow>("SELECT * FROM media_uploads WHERE id = $1", [id]);
    return rows[0] && toUpload(rows[0]);
  }

  async completeUpload(id: string, sha256: string, size: number, contentType: string, expiresAt: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE media_uploads SET sha256 = $1, size = $2, content_type = $3, expires_at = $4, token_sha256 = NULL
       WHERE id = $5 AND sha256 IS NULL AND token_sha256 IS NOT NULL`,
      [sha256, size, contentType, expiresAt, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async deleteUpload(id: string): Promise<void> {
    await this.db.query("DELETE FROM media_uploads WHERE id = $1", [id]);
  }

  async deleteExpiredUploads(now: string): Promise<string[]> {
    const { rows } = await this.db.query<{ sha256: string | null }>(
      "DELETE FROM media_uploads WHERE expires_at <= $1 RETURNING sha256",
      [now],
    );
    return [...new Set(rows.flatMap((row) => (row.sha256 ? [row.sha256] : [])))];
  }
}

/** UpstreamImageRepo on PostgreSQL: every instance knows what the upstream already holds. */
export class PostgresUpstreamImageRepo implements UpstreamImageRepo {
  constructor(private readonly db: PostgresDb) {}

  async find(sha256: string, now: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ url: string }>(
      "SELECT url FROM upstream_images WHERE sha256 = $1 AND expires_at > $2",
      [sha256, now],
    );
    return rows[0]?.url;
  }

  async remember(sha256: string, url: string, expiresAt: string): Promise<void> {
    // The copy that lasts longest is the one worth keeping.
    await this.db.query(
      `INSERT INTO upstream_images (sha256, url, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (sha256) DO UPDATE SET url = excluded.url, expires_at = excluded.expires_at
       WHERE excluded.expires_at > upstream_images.expires_at`,
      [sha256, url, expiresAt],
    );
  }
}
