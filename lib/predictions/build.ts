import "server-only";
import type { Limiter } from "../access/limiter";
import type { PredictionRepo } from "../db/prediction-repo";
import type { Engine, WebhookInbox } from "../engines/types";
import type { EventBus } from "../events/event-bus";
import { createProcessMetrics } from "../metrics";
import type { BlobStore } from "../storage/blob-store";
import type { SpaceReserve } from "../storage/space-reserve";
import { ThumbnailCache } from "../storage/thumbnails";
import { PredictionService } from "./service";
import { StorageGuard } from "./storage-guard";
import { SubmitLimits, type SubmitLimitsConfig } from "./submit-limits";
import { Tracker, type TrackerConfig } from "./tracker";

/** The three seams a service stands on; which implementations is the composition root's choice. */
export type PredictionStores = {
  repo: PredictionRepo;
  /** Mirrored originals. */
  blobs: BlobStore;
  /** Thumbnails: a cache, kept apart so it can be dropped and rebuilt. */
  thumbnailBlobs: BlobStore;
  events: EventBus;
  /** Where the data lives, in words a person can act on, e.g. `DATA_DIR (/srv/kontext)`. */
  location: string;
  /** Disk held back for final writes and deletes when the disk fills up; none where space is not ours to manage. */
  reserve?: SpaceReserve;
};

/** Wires the tracker and the service over the given stores and engine. */
export function buildPredictionService(
  stores: PredictionStores,
  options: {
    engine: Engine;
    trackerConfig: TrackerConfig;
    webhooks?: WebhookInbox;
    /** Checks on every submit; the limiter counts submits per caller. */
    limits?: SubmitLimitsConfig & { submits: Limiter };
  },
) {
  const { repo, blobs, events } = stores;
  const { engine } = options;
  const storage = new StorageGuard(stores.location, stores.reserve);
  const tracker = new Tracker({ repo, blobs, engine, events, storage }, options.trackerConfig);
  const thumbnails = new ThumbnailCache(stores.thumbnailBlobs);
  const service = new PredictionService({
    repo,
    blobs,
    thumbnails,
    storage,
    engine,
    events,
    tracker,
    metrics: createProcessMetrics(),
    webhooks: options.webhooks,
    limits:
      options.limits && new SubmitLimits({ repo, submits: options.limits.submits, engine: engine.name, config: options.limits }),
  });
  return { service, tracker };
}
