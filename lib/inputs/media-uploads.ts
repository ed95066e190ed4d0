import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { UPLOAD_CONTENT_TYPES, type UploadedEnvelope, type UploadTicketEnvelope, uploadTicketRequestSchema } from "../contract";
import type { InputImageRepo, MediaUpload } from "../db/input-image-repo";
import { MAX_INPUT_BYTES, newPredictionId, UPLOAD_RETENTION_MS } from "../domain";
import { AppError } from "../errors";
import { parseOrThrow } from "../parse";
import type { StoredBlob } from "../storage/blob-store";
import { decodeInputImage } from "./decode-image";
import type { InputImages } from "./input-images";

/** How long a ticket waits for its PUT. */
export const TICKET_TTL_MS = 60 * 60_000;
/** Expired uploads are looked for at most this often. */
const SWEEP_EVERY_MS = 60_000;

export type UploadedFile = { filename: string; bytes: Buffer };

export const uploadPath = (id: string) => `/api/uploads/${id}`;
export const downloadPath = (upload: Pick<MediaUpload, "id" | "filename">) =>
  `${uploadPath(upload.id)}/${encodeURIComponent(upload.filename)}`;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
/** The last part of a path, without control characters or quotes: what a download is named after. */
const cleanName = (name: string) =>
  [...(name.split(/[\\/]/).pop() ?? "")]
    .filter((char) => char.charCodeAt(0) >= 32 && char.charCodeAt(0) !== 127 && char !== '"')
    .join("")
    .trim()
    .slice(0, 255) || "image";

/**
 * Uploads, as WaveSpeed serves them: the official SDK's ticket (POST a description, PUT the bytes to
 * the URL it answers, which carries its own secret) and the documented multipart upload. Only images
 * within the limits are kept, as input images (input-images.ts); a refused file leaves nothing behind.
 * An upload is readable at its download URL, and usable as an edit's input, for 7 days.
 */
export class MediaUploads {
  private lastSweep = 0;

  constructor(private readonly deps: { repo: InputImageRepo; images: InputImages; now?: () => Date }) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  private later(ms: number) {
    return new Date(this.now().getTime() + ms).toISOString();
  }

  /** `POST /api/v3/media/uploads`: where to PUT the file, and where it will be read. */
  async ticket(body: unknown, baseUrl: string): Promise<UploadTicketEnvelope["data"]> {
    await this.sweepExpired();
    const { filename, size, content_type: contentType } = parseOrThrow(uploadTicketRequestSchema, body);
    if (contentType !== undefined && !UPLOAD_CONTENT_TYPES.includes(contentType.toLowerCase()))
      throw new AppError(
        "unsupported_media_type",
        `content_type must be one of ${UPLOAD_CONTENT_TYPES.join(", ")}: only images are taken.`,
        "content_type",
      );
    if (size > MAX_INPUT_BYTES)
      throw new AppError(
        "payload_too_large",
        `size: the file is ${size} bytes; at most ${MAX_INPUT_BYTES} are accepted.`,
        "size",
      );
    const token = randomBytes(32).toString("base64url");
    const upload: MediaUpload = {
      id: newPredictionId(),
      tokenSha256: hashOf(token),
      filename: cleanName(filename),
      contentType: contentType?.toLowerCase() ?? "application/octet-stream",
      size,
      sha256: null,
      createdAt: this.now().toISOString(),
      expiresAt: this.later(TICKET_TTL_MS),
    };
    await this.deps.repo.createUpload(upload);
    return {
      download_url: baseUrl + downloadPath(upload),
      upload: {
        url: `${baseUrl}${uploadPath(upload.id)}?token=${token}`,
        method: "PUT",
        headers: { "Content-Type": upload.contentType },
      },
    };
  }

  /**
   * The PUT of a ticket: the bytes, checked, become the upload. A refused file stores nothing, so the
   * ticket stays open for the right one until it is used or expires.
   */
  async receive(id: string, token: string, bytes: Buffer): Promise<void> {
    const upload = await this.deps.repo.getUpload(id);
    const open = upload?.tokenSha256 && upload.expiresAt > this.now().toISOString();
    const expected = upload?.tokenSha256 ? Buffer.from(upload.tokenSha256, "hex") : Buffer.alloc(32);
    const given = Buffer.from(hashOf(token), "hex");
    if (!upload || !open || !timingSafeEqual(expected, given))
      throw new AppError("not_found", "No upload waits at this URL: it was used, it expired, or its token is wrong.", "token");
    const image = await decodeInputImage(bytes, "file");
    await this.deps.images.keep([image], async ([kept]) => {
      const done = await this.deps.repo.completeUpload(
        id,
        kept.sha256,
        kept.bytes,
        kept.contentType,
        this.later(UPLOAD_RETENTION_MS),
      );
      if (!done) throw new AppError("conflict", "This upload URL was used already.", "token");
    });
  }

  /** `POST /api/v3/media/upload/binary`: one file, checked and kept. */
  async binary(file: UploadedFile, baseUrl: string): Promise<UploadedEnvelope["data"]> {
    await this.sweepExpired();
    const image = await decodeInputImage(file.bytes, "file");
    const upload = await this.deps.images.keep([image], async ([kept]) => {
      const made: MediaUpload = {
        id: newPredictionId(),
        tokenSha256: null,
        filename: cleanName(file.filename),
        contentType: kept.contentType,
        size: kept.bytes,
        sha256: kept.sha256,
        createdAt: this.now().toISOString(),
        expiresAt: this.later(UPLOAD_RETENTION_MS),
      };
      await this.deps.repo.createUpload(made);
      return made;
    });
    return { type: "image", download_url: baseUrl + downloadPath(upload), filename: upload.filename, size: upload.size };
  }

  /** An upload's file, while it lasts. */
  async open(id: string): Promise<{ upload: MediaUpload; blob: StoredBlob; contentType: string } | undefined> {
    const upload = await this.live(id);
    const found = upload?.sha256 ? await this.deps.images.open(upload.sha256) : undefined;
    return upload && found ? { upload, blob: found.blob, contentType: found.image.contentType } : undefined;
  }

  /** An upload's bytes, while it lasts: null when there is no such upload. */
  async read(id: string): Promise<Buffer | undefined | null> {
    const upload = await this.live(id);
    if (!upload?.sha256) return null;
    const image = await this.deps.images.find(upload.sha256);
    return image && this.deps.images.read(image);
  }

  private async live(id: string) {
    const upload = await this.deps.repo.getUpload(id);
    return upload && upload.expiresAt > this.now().toISOString() ? upload : undefined;
  }

  /** Ends tickets and uploads past their time, and removes the pictures nothing else uses. */
  async sweepExpired({ force = false } = {}): Promise<void> {
    const now = this.now();
    if (!force && now.getTime() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now.getTime();
    await this.deps.images.release(await this.deps.repo.deleteExpiredUploads(now.toISOString()));
  }
}
