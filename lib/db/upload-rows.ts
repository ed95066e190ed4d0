import "server-only";
import type { MediaUpload } from "./input-image-repo";

/** The SQL shape of an upload, its insert (SQLite and Postgres alike), and its mapping. */
export type UploadRow = {
  id: string;
  token_sha256: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string | null;
  created_at: string;
  expires_at: string;
};

export const toUpload = (row: UploadRow): MediaUpload => ({
  id: row.id,
  tokenSha256: row.token_sha256,
  filename: row.filename,
  contentType: row.content_type,
  size: row.size,
  sha256: row.sha256,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export const INSERT_UPLOAD = `INSERT INTO media_uploads (id, token_sha256, filename, content_type, size, sha256, created_at, expires_at)
  VALUES (@id, @token_sha256, @filename, @content_type, @size, @sha256, @created_at, @expires_at)`;

export const uploadParams = (upload: MediaUpload) => ({
  id: upload.id,
  token_sha256: upload.tokenSha256,
  filename: upload.filename,
  content_type: upload.contentType,
  size: upload.size,
  sha256: upload.sha256,
  created_at: upload.createdAt,
  expires_at: upload.expiresAt,
});
