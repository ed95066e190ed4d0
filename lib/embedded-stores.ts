import "server-only";
import path from "node:path";
import { openDatabase } from "./db/client";
import { SqlitePredictionRepo } from "./db/sqlite-prediction-repo";
import { InProcessEventBus } from "./events/in-process-event-bus";
import type { PredictionStores } from "./predictions/build";
import { DiskBlobStore } from "./storage/disk-blob-store";
import { DiskSpaceReserve } from "./storage/space-reserve";
import { dataDirLocation } from "./storage/storage-errors";

/**
 * Everything under one data folder: SQLite, images and thumbnails on disk, events in process, and a
 * space reserve on the same disk.
 */
export function openEmbeddedStores(dataDir: string): PredictionStores {
  const root = path.resolve(dataDir);
  return {
    location: dataDirLocation(root),
    reserve: new DiskSpaceReserve(path.join(root, ".space-reserve")),
    repo: new SqlitePredictionRepo(openDatabase(path.join(root, "playground.sqlite"))),
    blobs: new DiskBlobStore(path.join(root, "images")),
    thumbnailBlobs: new DiskBlobStore(path.join(root, "thumbs")),
    events: new InProcessEventBus(),
  };
}
