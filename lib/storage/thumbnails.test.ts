import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { deferred } from "@/testing/deferred";
import { pngOf, tempDir } from "@/testing/harness";
import { DiskBlobStore } from "./disk-blob-store";
import { THUMBNAIL_WIDTH, ThumbnailCache } from "./thumbnails";

describe("ThumbnailCache", () => {
  it("makes a small WebP once, keeps it on disk, and shares concurrent renders", async () => {
    const storage = new DiskBlobStore(tempDir());
    const cache = new ThumbnailCache(storage);
    const original = await pngOf(1392, 752);
    let loads = 0;
    const load = async () => {
      loads++;
      return original;
    };

    const [a, b] = await Promise.all([cache.get("p1/0.webp", load), cache.get("p1/0.webp", load)]);
    expect(loads).toBe(1);
    expect(a.equals(b)).toBe(true);
    const meta = await sharp(a).metadata();
    expect(meta).toMatchObject({ format: "webp", width: THUMBNAIL_WIDTH, height: Math.round((752 * THUMBNAIL_WIDTH) / 1392) });
    expect(a.length).toBeLessThan(original.length);

    // A new cache over the same folder (a restart) serves it from disk.
    const again = await new ThumbnailCache(storage).get("p1/0.webp", load);
    expect(loads).toBe(1);
    expect(again.equals(a)).toBe(true);
  });

  it("makes another width when asked, kept apart from the default", async () => {
    const cache = new ThumbnailCache(new DiskBlobStore(tempDir()));
    const original = await pngOf(1000, 500);
    const small = await sharp(await cache.get("p/0.w96.webp", async () => original, 96)).metadata();
    const usual = await sharp(await cache.get("p/0.webp", async () => original)).metadata();
    expect([small.width, small.height, usual.width]).toEqual([96, 48, THUMBNAIL_WIDTH]);
  });

  it("never enlarges a small original", async () => {
    const cache = new ThumbnailCache(new DiskBlobStore(tempDir()));
    const meta = await sharp(await cache.get("p/0.webp", () => pngOf(100, 50))).metadata();
    expect([meta.width, meta.height]).toEqual([100, 50]);
  });

  it("removes a prediction's thumbnails", async () => {
    const root = tempDir();
    const storage = new DiskBlobStore(root);
    const cache = new ThumbnailCache(storage);
    await cache.get("gone/0.webp", () => pngOf(400, 400));
    await cache.remove("gone");
    expect(await storage.head("gone/0.webp")).toBeUndefined();
    expect(() => storage.resolve(path.join("..", "escape"))).toThrow(/escapes/);
  });

  it("waits for a render in flight before removing, so no thumbnail is left behind", async () => {
    const storage = new DiskBlobStore(tempDir());
    const cache = new ThumbnailCache(storage);
    const { promise: gate, resolve: release } = deferred();
    const rendering = cache.get("busy/0.webp", async () => {
      await gate;
      return pngOf(400, 400);
    });
    const removing = cache.remove("busy");
    release();
    await Promise.all([rendering, removing]);
    expect(await storage.head("busy/0.webp")).toBeUndefined();
  });
});
