import type { InputImage } from "../domain";

/** A file sent to the upload endpoints: a ticket until its bytes arrive, then an input image for a while. */
export type MediaUpload = {
  id: string;
  /** SHA-256 of the ticket's secret, which its PUT URL carries; null once the bytes arrived, or for a direct upload. */
  tokenSha256: string | null;
  filename: string;
  contentType: string;
  size: number;
  /** The input image it became; null while only a ticket. */
  sha256: string | null;
  createdAt: string;
  /** A ticket's deadline for its PUT; an upload's end of retention. */
  expiresAt: string;
};

/**
 * Input images of edits (kept by content, described once) and uploads. An image is in use while a
 * run names it (PredictionRepo writes prediction_inputs) or an upload of it has not expired.
 * SQLite today (sqlite-input-image-repo.ts); any other implementation must pass
 * testing/contracts/input-image-repo.ts.
 */
export interface InputImageRepo {
  /** Describes an image; one already described stays as it is. */
  rememberImage(image: InputImage, createdAt: string): Promise<void>;
  getImage(sha256: string): Promise<InputImage | undefined>;
  /** Which of these images are described (stored for some run or upload). */
  describedImages(hashes: string[]): Promise<Set<string>>;
  /** Forgets the descriptions of images no run and no live upload uses; returns those it forgot. */
  forgetUnused(hashes: string[], now: string): Promise<string[]>;
  createUpload(upload: MediaUpload): Promise<void>;
  getUpload(id: string): Promise<MediaUpload | undefined>;
  /** A ticket's bytes arrived: it becomes an upload of that image until `expiresAt`. False unless it was an open ticket. */
  completeUpload(id: string, sha256: string, size: number, contentType: string, expiresAt: string): Promise<boolean>;
  deleteUpload(id: string): Promise<void>;
  /** Removes tickets and uploads past their time; returns the images they named. */
  deleteExpiredUploads(now: string): Promise<string[]>;
}

/**
 * Where the upstream already holds a picture (an upload, or one of its own outputs), by content,
 * until it drops it. The WaveSpeed engine's memory (lib/engines/wavespeed/upstream-images.ts).
 * SQLite today (sqlite-upstream-image-repo.ts); testing/contracts/upstream-image-repo.ts.
 */
export interface UpstreamImageRepo {
  find(sha256: string, now: string): Promise<string | undefined>;
  remember(sha256: string, url: string, expiresAt: string): Promise<void>;
}
