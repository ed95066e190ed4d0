import "server-only";
import sharp from "sharp";
import { log } from "../log";
import { type BlobStore, readBlob } from "./blob-store";

export const THUMBNAIL_WIDTH = 384;

/**
 * Small WebP copies for grids, made once with sharp and kept on disk.
 * Concurrent requests for the same thumbnail share one render.
 */
export class ThumbnailCache {
  private readonly rendering = new Map<string, Promise<Buffer>>();

  constructor(
    /** Where thumbnails are kept; start-up cleanup sweeps it like the originals. */
    readonly storage: BlobStore,
    private readonly width = THUMBNAIL_WIDTH,
  ) {}

  /** `width`: another than the cache's own, for a `srcset` that fits each place an image is shown. */
  get(key: string, loadOriginal: () => Promise<Buffer>, width = this.width): Promise<Buffer> {
    // Tracked from the first await on, so remove() sees every request that may still write.
    const running = this.rendering.get(key);
    if (running) return running;
    const work = this.readOrRender(key, loadOriginal, width).finally(() => this.rendering.delete(key));
    this.rendering.set(key, work);
    return work;
  }

  /** Waits for renders into the folder first, so none writes a file back after it is gone. */
  async remove(folder: string): Promise<void> {
    const inFolder = [...this.rendering].filter(([key]) => key.startsWith(`${folder}/`)).map(([, work]) => work);
    await Promise.allSettled(inFolder);
    await this.storage.deletePrefix(folder);
  }

  private async readOrRender(key: string, loadOriginal: () => Promise<Buffer>, width: number): Promise<Buffer> {
    const cached = await readBlob(this.storage, key);
    if (cached) return cached;
    const thumbnail = await sharp(await loadOriginal())
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    // A thumbnail that cannot be kept (a full disk) is still shown; it is made again next time.
    await this.storage
      .put(key, thumbnail, "image/webp")
      .catch((error) => log.warn("could not keep a thumbnail", { key, error: String(error) }));
    return thumbnail;
  }
}
