import "server-only";
import type { InputImage } from "../domain";
import type { Db } from "./client";
import type { InputImageRepo, MediaUpload } from "./input-image-repo";
import { inputImageParams, REMEMBER_INPUT_IMAGE, toInputImage } from "./prediction-rows";
import { StatementCache } from "./statements";
import { INSERT_UPLOAD, toUpload, type UploadRow, uploadParams } from "./upload-rows";

/** Used: named by a run, or by an upload still live. */
const UNUSED = `SELECT value AS sha256 FROM json_each(@hashes) h
  WHERE NOT EXISTS (SELECT 1 FROM prediction_inputs pi WHERE pi.sha256 = h.value)
    AND NOT EXISTS (SELECT 1 FROM media_uploads u WHERE u.sha256 = h.value AND u.expires_at > @now)`;

/** InputImageRepo on SQLite, in the predictions' database. */
export class SqliteInputImageRepo implements InputImageRepo {
  private readonly statements: StatementCache;

  constructor(private readonly db: Db) {
    this.statements = new StatementCache(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  async rememberImage(image: InputImage, createdAt: string): Promise<void> {
    this.sql(REMEMBER_INPUT_IMAGE).run(inputImageParams(image, createdAt));
  }

  async getImage(sha256: string): Promise<InputImage | undefined> {
    const row = this.sql(`SELECT * FROM input_images WHERE sha256 = ?`).get(sha256) as
      | Parameters<typeof toInputImage>[0]
      | undefined;
    return row && toInputImage(row);
  }

  async describedImages(hashes: string[]): Promise<Set<string>> {
    const rows = this.sql(`SELECT sha256 FROM input_images WHERE sha256 IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(hashes),
    ) as Array<{ sha256: string }>;
    return new Set(rows.map((row) => row.sha256));
  }

  async forgetUnused(hashes: string[], now: string): Promise<string[]> {
    if (hashes.length === 0) return [];
    return this.db.transaction(() => {
      const unused = (this.sql(UNUSED).all({ hashes: JSON.stringify([...new Set(hashes)]), now }) as { sha256: string }[]).map(
        (row) => row.sha256,
      );
      const forget = this.sql(`DELETE FROM input_images WHERE sha256 = ?`);
      // Expired uploads still name their image (a foreign key): they go with it.
      const expired = this.sql(`DELETE FROM media_uploads WHERE sha256 = ?`);
      for (const sha256 of unused) {
        expired.run(sha256);
        forget.run(sha256);
      }
      return unused;
    })();
  }

  async createUpload(upload: MediaUpload): Promise<void> {
    this.sql(INSERT_UPLOAD).run(uploadParams(upload));
  }

  async getUpload(id: string): Promise<MediaUpload | undefined> {
    const row = this.sql(`SELECT * FROM media_uploads WHERE id = ?`).get(id) as UploadRow | undefined;
    return row && toUpload(row);
  }

  async completeUpload(id: string, sha256: string, size: number, contentType: string, expiresAt: string): Promise<boolean> {
    const { changes } = this.sql(
      `UPDATE media_uploads SET sha256 = ?, size = ?, content_type = ?, expires_at = ?, token_sha256 = NULL
       WHERE id = ? AND sha256 IS NULL AND token_sha256 IS NOT NULL`,
    ).run(sha256, size, contentType, expiresAt, id);
    return changes > 0;
  }

  async deleteUpload(id: string): Promise<void> {
    this.sql(`DELETE FROM media_uploads WHERE id = ?`).run(id);
  }

  async deleteExpiredUploads(now: string): Promise<string[]> {
    return this.db.transaction(() => {
      const rows = this.sql(`SELECT sha256 FROM media_uploads WHERE expires_at <= ?`).all(now) as { sha256: string | null }[];
      this.sql(`DELETE FROM media_uploads WHERE expires_at <= ?`).run(now);
      return [...new Set(rows.flatMap((row) => (row.sha256 ? [row.sha256] : [])))];
    })();
  }
}
