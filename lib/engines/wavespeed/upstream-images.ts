import { UPLOAD_RETENTION_MS } from "../../domain";
import type { EngineImage, UpstreamImageMemory } from "../types";

/** A copy is used only while it has at least this long left upstream: a task may wait before it reads its input. */
const SAFETY_MARGIN_MS = 60 * 60_000;

/** The memory when none is given: in this process only (tests, scripts). */
export function memoryInProcess(): UpstreamImageMemory {
  const known = new Map<string, { url: string; expiresAt: string }>();
  return {
    async find(sha256, now) {
      const entry = known.get(sha256);
      return entry && entry.expiresAt > now ? entry.url : undefined;
    },
    async remember(sha256, url, expiresAt) {
      const entry = known.get(sha256);
      if (!entry || entry.expiresAt < expiresAt) known.set(sha256, { url, expiresAt });
    },
  };
}

/** Until when a picture WaveSpeed received (or made) at `at` may still be handed to it by URL. */
export const usableUntil = (at: Date) => new Date(at.getTime() + UPLOAD_RETENTION_MS - SAFETY_MARGIN_MS).toISOString();

/**
 * The URL WaveSpeed holds each picture at: a copy it already has (an earlier upload, or one of its
 * own outputs) while it lasts, else a fresh upload, remembered by content hash, so a chain of edits
 * uploads each picture once. Uploads go one at a time; the first failure stops everything after it.
 */
export async function upstreamUrls(
  images: EngineImage[],
  memory: UpstreamImageMemory,
  upload: (image: EngineImage) => Promise<string>,
  now: () => Date,
): Promise<string[]> {
  const urls: string[] = [];
  for (const image of images) {
    let url = await memory.find(image.sha256, now().toISOString());
    if (!url) {
      const at = now();
      url = await upload(image);
      await memory.remember(image.sha256, url, usableUntil(at));
    }
    urls.push(url);
  }
  return urls;
}
