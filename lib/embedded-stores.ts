import "server-only";
import path from "node:path";
import { openDatabase } from "./db/client";
import type { SessionRepo } from "./db/session-repo";
import { SqliteArchiveRepo } from "./db/sqlite-archive-repo";
import { SqliteInputImageRepo } from "./db/sqlite-input-image-repo";
import { SqlitePredictionRepo } from "./db/sqlite-prediction-repo";
import { SqliteSessionRepo } from "./db/sqlite-session-repo";
import { SqliteSweepRepo } from "./db/sqlite-sweep-repo";
import { SqliteUpstreamImageRepo } from "./db/sqlite-upstream-image-repo";
import { SqliteWebhookDeliveryRepo } from "./db/sqlite-webhook-delivery-repo";
import { InProcessEventBus } from "./events/in-process-event-bus";
import type { PredictionStores } from "./predictions/build";
import { DiskBlobStore } from "./storage/disk-blob-store";
import { DiskSpaceReserve } from "./storage/space-reserve";
import { dataDirLocation } from "./storage/storage-errors";

export type RecordStores = Pick<
  PredictionStores,
  "repo" | "deliveries" | "sweeps" | "archive" | "inputs" | "upstreamImages" | "events" | "claims" | "early" | "queue"
> & {
  /** Owners' sessions, which the access service counts and ends. */
  sessions: SessionRepo;
};
export type FileStores = Pick<
  PredictionStores,
  "blobs" | "inputBlobs" | "thumbnailBlobs" | "gridBlobs" | "cardBlobs" | "location" | "reserve"
>;

/**
 * Everything under one data folder: SQLite, images (outputs, and inputs by content hash), thumbnails,
 * sweep grids and preview cards on disk, events in process, and a space reserve on the same disk.
 */
export function openEmbeddedStores(dataDir: string): PredictionStores & RecordStores {
  return { ...openSqliteStores(dataDir), ...openDiskStores(dataDir) };
}

/** SQLite in the data folder, and events in this process. */
export function openSqliteStores(dataDir: string): RecordStores {
  const db = openDatabase(path.join(path.resolve(dataDir), "playground.sqlite"));
  return {
    repo: new SqlitePredictionRepo(db),
    deliveries: new SqliteWebhookDeliveryRepo(db),
    sweeps: new SqliteSweepRepo(db),
    archive: new SqliteArchiveRepo(db),
    inputs: new SqliteInputImageRepo(db),
    upstreamImages: new SqliteUpstreamImageRepo(db),
    sessions: new SqliteSessionRepo(db),
    events: new InProcessEventBus(),
  };
}

/** Images, thumbnails and sweep grids in the data folder, with a space reserve on the same disk. */
export function openDiskStores(dataDir: string): FileStores {
  const root = path.resolve(dataDir);
  return {
    location: dataDirLocation(root),
    reserve: new DiskSpaceReserve(path.join(root, ".space-reserve")),
    blobs: new DiskBlobStore(path.join(root, "images")),
    inputBlobs: new DiskBlobStore(path.join(root, "inputs")),
    thumbnailBlobs: new DiskBlobStore(path.join(root, "thumbs")),
    gridBlobs: new DiskBlobStore(path.join(root, "grids")),
    cardBlobs: new DiskBlobStore(path.join(root, "cards")),
  };
}
