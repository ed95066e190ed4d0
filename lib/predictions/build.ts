import "server-only";
import type { ArchiveRepo } from "../db/archive-repo";
import type { PredictionRepo } from "../db/prediction-repo";
import type { SweepRepo } from "../db/sweep-repo";
import type { Engine, WebhookInbox } from "../engines/types";
import type { EventBus } from "../events/event-bus";
import { createProcessMetrics } from "../metrics";
import type { BlobStore } from "../storage/blob-store";
import { ThumbnailCache } from "../storage/thumbnails";
import { PredictionService } from "./service";
import { Tracker, type TrackerConfig } from "./tracker";

/** The seams the services stand on; which implementations is the composition root's choice. */
export type PredictionStores = {
  repo: PredictionRepo;
  sweeps: SweepRepo;
  /** All-or-nothing imports across predictions and sweeps. */
  archive: ArchiveRepo;
  /** Mirrored originals. */
  blobs: BlobStore;
  /** Thumbnails: a cache, kept apart so it can be dropped and rebuilt. */
  thumbnailBlobs: BlobStore;
  /** Sweep grid PNGs: a cache too. */
  gridBlobs: BlobStore;
  events: EventBus;
};

/** Wires the tracker and the service over the given stores and engine. */
export function buildPredictionService(
  stores: PredictionStores,
  options: { engine: Engine; trackerConfig: TrackerConfig; webhooks?: WebhookInbox },
) {
  const { repo, blobs, events } = stores;
  const { engine } = options;
  const tracker = new Tracker({ repo, blobs, engine, events }, options.trackerConfig);
  const thumbnails = new ThumbnailCache(stores.thumbnailBlobs);
  const service = new PredictionService({
    repo,
    blobs,
    thumbnails,
    engine,
    events,
    tracker,
    metrics: createProcessMetrics(),
    webhooks: options.webhooks,
  });
  return { service, tracker };
}
