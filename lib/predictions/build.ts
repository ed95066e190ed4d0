import "server-only";
import type { Limiter } from "../access/limiter";
import type { ArchiveRepo } from "../db/archive-repo";
import type { EarlyDeliveryStore } from "../db/early-delivery-store";
import type { InputImageRepo, UpstreamImageRepo } from "../db/input-image-repo";
import type { PredictionRepo } from "../db/prediction-repo";
import type { SweepRepo } from "../db/sweep-repo";
import type { WebhookDeliveryRepo } from "../db/webhook-delivery-repo";
import { SoleInstanceClaims, type WorkClaims } from "../db/work-claims";
import type { Engine, WebhookInbox } from "../engines/types";
import type { EventBus } from "../events/event-bus";
import { EditImages } from "../inputs/edit-images";
import type { ImageFetchPolicy } from "../inputs/fetch-image";
import { InputImages } from "../inputs/input-images";
import { MediaUploads } from "../inputs/media-uploads";
import { ownFileReader } from "../inputs/own-files";
import { createProcessMetrics } from "../metrics";
import type { TrackerConfig } from "../runs/config";
import { EarlyDeliveries } from "../runs/early-deliveries";
import { InProcessRunQueue, type RunQueue } from "../runs/run-queue";
import { Tracker } from "../runs/tracker";
import type { BlobStore } from "../storage/blob-store";
import type { SpaceReserve } from "../storage/space-reserve";
import { StorageGuard } from "../storage/storage-guard";
import { ThumbnailCache } from "../storage/thumbnails";
import { WebhookSender, type WebhookSenderConfig } from "../webhooks/sender";
import { KeyGate } from "./admission/key-gate";
import { SubmitLimits, type SubmitLimitsConfig } from "./admission/submit-limits";
import { PredictionFiles } from "./files";
import { ServedApi, type ServedApiConfig } from "./served/served-api";
import { webhookPayload } from "./served/webhook-payload";
import { PredictionService } from "./service";
import { StrayObjects, type StraysConfig } from "./upkeep/strays";

/** The seams the services stand on; which implementations is the composition root's choice. */
export type PredictionStores = {
  repo: PredictionRepo;
  /** Outgoing webhooks and their attempts. */
  deliveries: WebhookDeliveryRepo;
  sweeps: SweepRepo;
  /** All-or-nothing imports across predictions and sweeps. */
  archive: ArchiveRepo;
  /** Input images of edits, and uploads: what they are, and which runs use them. */
  inputs: InputImageRepo;
  /** Where the upstream already holds a picture (the WaveSpeed engine's memory). */
  upstreamImages: UpstreamImageRepo;
  /** Mirrored originals. */
  blobs: BlobStore;
  /** Input images, one file per picture, keyed by its SHA-256. */
  inputBlobs: BlobStore;
  /** Thumbnails: a cache, kept apart so it can be dropped and rebuilt. */
  thumbnailBlobs: BlobStore;
  /** Sweep grid PNGs: a cache too. */
  gridBlobs: BlobStore;
  /** Link-preview cards: drawn once, kept with their run or sweep. */
  cardBlobs: BlobStore;
  events: EventBus;
  /** Where the data lives, in words a person can act on, e.g. `DATA_DIR (/srv/kontext)`. */
  location: string;
  /** Disk held back for final writes and deletes when the disk fills up; none where space is not ours to manage. */
  reserve?: SpaceReserve;
  /** Which unfinished runs are this process's; by default (one process) all of them. */
  claims?: WorkClaims;
  /** Webhooks that came before their run could take them; by default kept in this process. */
  early?: EarlyDeliveryStore;
  /** The line runs wait in for a place upstream; by default this process's own. */
  queue?: RunQueue;
};

/** How long an object waits without an owner before the periodic sweep removes it (see upkeep/strays.ts). */
const STRAY_GRACE_MS = 60 * 60_000;

/** How the served contract answers: sync waits, where and how webhooks go, how often a rejected key is probed. */
export type ServedConfig = ServedApiConfig & { webhooks: WebhookSenderConfig; keyProbeEveryMs?: number };

/** How image URLs of edits are fetched: the guard's policy (IMAGE_URL_ALLOW_PRIVATE) and the time allowed. */
export type ImageUrlConfig = ImageFetchPolicy;

/** Every store, with what owns its objects: what the periodic sweep keeps. */
function strayObjects(stores: PredictionStores, config: StraysConfig): StrayObjects {
  const runs = (ids: string[]) => stores.repo.existingIds(ids);
  const sweeps = (ids: string[]) => stores.sweeps.existingIds(ids);
  const either = async (ids: string[]) => new Set([...(await runs(ids)), ...(await sweeps(ids))]);
  return new StrayObjects(
    [
      { name: "images", store: stores.blobs, owned: runs },
      { name: "thumbs", store: stores.thumbnailBlobs, owned: runs },
      { name: "inputs", store: stores.inputBlobs, owned: (hashes) => stores.inputs.describedImages(hashes) },
      { name: "grids", store: stores.gridBlobs, owned: sweeps },
      { name: "cards", store: stores.cardBlobs, owned: either },
    ],
    config,
  );
}

/** Wires the tracker, the service and the served contract over the given stores and engine. */
export function buildPredictionService(
  stores: PredictionStores,
  options: {
    engine: Engine;
    trackerConfig: TrackerConfig;
    webhooks?: WebhookInbox;
    served: ServedConfig;
    /** Checks on every submit; the limiter counts submits per caller. */
    limits?: SubmitLimitsConfig & { submits: Limiter };
    imageUrls: ImageUrlConfig;
    /** How long an object waits without an owner before maintenance removes it (tests: less). */
    strayGraceMs?: number;
  },
) {
  const { repo, blobs, events } = stores;
  const { engine } = options;
  const thumbnails = new ThumbnailCache(stores.thumbnailBlobs);
  // An input's thumbnail sits beside it, named by the same hash, and goes with it.
  const inputs = new InputImages({
    repo: stores.inputs,
    blobs: stores.inputBlobs,
    thumbnails: new ThumbnailCache(stores.inputBlobs),
  });
  const uploads = new MediaUploads({ repo: stores.inputs, images: inputs });
  const editImages = new EditImages({
    readOwn: ownFileReader({ predictions: repo, outputs: blobs, inputs, uploads }),
    fetchPolicy: options.imageUrls,
  });
  const storage = new StorageGuard(stores.location, stores.reserve);
  const keyGate = new KeyGate(engine.checkKey?.bind(engine), options.served.keyProbeEveryMs);
  const claims = stores.claims ?? new SoleInstanceClaims(repo);
  const early = stores.early ?? new EarlyDeliveries();
  const queue = stores.queue ?? new InProcessRunQueue(repo);
  const tracker = new Tracker(
    { repo, queue, claims, early, blobs, engine, events, keyGate, storage, inputs },
    options.trackerConfig,
  );
  const files = new PredictionFiles({ repo, blobs, thumbnails, inputs });
  const webhookSender = new WebhookSender(
    { deliveries: stores.deliveries, predictions: repo, events, payload: webhookPayload },
    options.served.webhooks,
  );
  const service = new PredictionService({
    repo,
    files,
    strays: strayObjects(stores, { graceMs: options.strayGraceMs ?? STRAY_GRACE_MS, shared: queue.shared }),
    storage,
    engine,
    events,
    tracker,
    metrics: createProcessMetrics(),
    webhooks: options.webhooks,
    limits:
      options.limits && new SubmitLimits({ repo, submits: options.limits.submits, engine: engine.name, config: options.limits }),
    keyGate,
    webhookSender,
    inputs,
    editImages,
  });
  const served = new ServedApi({ predictions: service, blobs, webhookSender }, options.served);
  return { service, served, tracker, keyGate, webhookSender, uploads, inputs };
}
