import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestPredictions, submitBody } from "@/testing/harness";
import { createLocalEngine } from "../engines/local";
import type { BlobStore } from "../storage/blob-store";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Reports each original as soon as it is written, so a delete can be timed to the first one. */
function watchPuts(blobs: BlobStore, onPut: (key: string) => void): BlobStore {
  return {
    put: async (key, bytes, contentType) => {
      await blobs.put(key, bytes, contentType);
      onPut(key);
    },
    get: (key) => blobs.get(key),
    head: (key) => blobs.head(key),
    deletePrefix: (prefix) => blobs.deletePrefix(prefix),
    listPrefixes: () => blobs.listPrefixes(),
    removeIncomplete: () => blobs.removeIncomplete(),
  };
}

describe("a delete while the outputs are being saved", () => {
  it("leaves no file behind, however it falls between the writes (repeated until the race is hit)", async () => {
    const firstWrite = new Map<string, () => void>();
    const predictions = createTestPredictions(createLocalEngine(), {
      wrapBlobs: (blobs) => watchPuts(blobs, (key) => firstWrite.get(key.split("/")[0])?.()),
    });
    cleanups.push(() => predictions.service.close());
    const { service, tracker, dataDir } = predictions;
    const folderOf = (id: string) => path.join(dataDir, "images", id);

    let raced = 0;
    for (let attempt = 0; attempt < 30 && raced < 5; attempt++) {
      const record = await submitBody(service, {
        prompt: `harbour at night, try ${attempt}`,
        num_images: 4,
        aspect_ratio: "9:21",
      });
      await new Promise<void>((resolve) => firstWrite.set(record.id, resolve));
      const writtenWhenDeleted = fs.readdirSync(folderOf(record.id)).length;
      await service.delete(record.id);
      // The race is hit when the delete came while files were still to be written.
      if (writtenWhenDeleted < 4) raced++;

      // Nothing left working on it: no place, no mirror, nothing waiting.
      await expect.poll(async () => Object.values(await tracker.figures()), { timeout: 10_000 }).toEqual([0, 0, 0]);
      expect(fs.existsSync(folderOf(record.id))).toBe(false);
      expect(await service.find(record.id)).toBeUndefined();
    }
    expect(raced).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(dataDir, "images"))).toEqual([]);
  });
});
