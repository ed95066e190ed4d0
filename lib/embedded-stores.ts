import "server-only";
import path from "node:path";
import { openDatabase } from "./db/client";
import { SqliteArchiveRepo } from "./db/sqlite-archive-repo";
import { SqliteInputImageRepo } from "./db/sqlite-input-image-repo";
import { SqlitePredictionRepo } from "./db/sqlite-prediction-repo";
import { SqliteSweepRepo } from "./db/sqlite-sweep-repo";
import { SqliteUpstreamImageRepo } from "./db/sqlite-upstream-image-repo";
import { SqliteWebhookDeliveryRepo } from "./db/sqlite-webhook-delivery-repo";
import { InProcessEventBus } from "./events/in-process-event-bus";
import type { PredictionStores } from "./predictions/build";
import { DiskBlobStore } from "./storage/disk-blob-store";
import { DiskSpaceReserve } from "./storage/space-reserve";
import { dataDirLocation } from "./storage/storage-errors";

/**
 * Everything under one data folder: SQLite, images (outputs, and inputs by content hash), thumbnails,
 * sweep grids and preview cards on disk, events in process, and a space reserve on the same disk.
 */
export function openEmbeddedStores(dataDir: string): PredictionStores {
  const root = path.resolve(dataDir);
  const db = openDatabase(path.join(root, "playground.sqlite"));
  return {
    location: dataDirLocation(root),
    reserve: new DiskSpaceReserve(path.join(root, ".space-reserve")),
    repo: new SqlitePredictionRepo(db),
    deliveries: new SqliteWebhookDeliveryRepo(db),
    sweeps: new SqliteSweepRepo(db),
    archive: new SqliteArchiveRepo(db),
    inputs: new SqliteInputImageRepo(db),
    upstreamImages: new SqliteUpstreamImageRepo(db),
    blobs: new DiskBlobStore(path.join(root, "images")),
    inputBlobs: new DiskBlobStore(path.join(root, "inputs")),
    thumbnailBlobs: new DiskBlobStore(path.join(root, "thumbs")),
    gridBlobs: new DiskBlobStore(path.join(root, "grids")),
    cardBlobs: new DiskBlobStore(path.join(root, "cards")),
    events: new InProcessEventBus(),
  };
}
