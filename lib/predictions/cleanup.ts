import "server-only";
import type { PredictionRepo } from "../db/prediction-repo";
import type { BlobStore } from "../storage/blob-store";

/**
 * What a crash, a full disk or a delete racing a write can leave behind: half-written files, and
 * folders of images or thumbnails whose prediction is gone. Run at start, before any work begins.
 */
export async function removeStrays(repo: PredictionRepo, stores: BlobStore[]): Promise<{ incomplete: number; orphans: number }> {
  let incomplete = 0;
  let orphans = 0;
  for (const store of stores) {
    incomplete += await store.removeIncomplete();
    for (const prefix of await store.listPrefixes()) {
      if (await repo.getStatus(prefix)) continue;
      await store.deletePrefix(prefix);
      orphans++;
    }
  }
  return { incomplete, orphans };
}
