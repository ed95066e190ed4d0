import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Limiter } from "@/lib/access/limiter";
import { ArchiveService } from "@/lib/archive/service";
import { runRequestSchema } from "@/lib/contract";
import { isTerminal, type PredictionRecord } from "@/lib/domain";
import { openEmbeddedStores } from "@/lib/embedded-stores";
import type { Engine, WebhookInbox } from "@/lib/engines/types";
import type { PredictionEvent } from "@/lib/events/event-bus";
import { parseOrThrow } from "@/lib/parse";
import type { SubmitLimitsConfig } from "@/lib/predictions/admission/submit-limits";
import { buildPredictionService, type ImageUrlConfig, type PredictionStores, type ServedConfig } from "@/lib/predictions/build";
import type { PredictionService } from "@/lib/predictions/service";
import type { SubmitExtras } from "@/lib/predictions/types";
import type { TrackerConfig } from "@/lib/runs/config";
import { DEFAULT_MIRROR_LIMITS } from "@/lib/runs/mirror";
import type { BlobStore } from "@/lib/storage/blob-store";
import { buildSweepService } from "@/lib/sweeps/build";
import { serveOnLoopback } from "./http-client";

export const FAST_TRACKER: TrackerConfig = {
  maxConcurrency: 3,
  deadlineMs: 10_000,
  schedule: { firstPollMs: 5, intervalMs: 5, maxGapMs: 5 },
  expectedDurationMs: 10,
  retry: {
    backoff: { baseMs: 5, capMs: 20 },
    maxSubmitAttempts: 4,
    maxPollFailures: 3,
    maxDownloadAttempts: 3,
    maxStoreAttempts: 4,
  },
  mirrorLimits: DEFAULT_MIRROR_LIMITS,
};

/** The webhook secret of test services. */
export const TEST_WEBHOOK_SECRET = "whsec_test-secret-4b1d9e7c2a";

/** Served-contract settings for tests: receivers run on 127.0.0.1, and retries come fast. */
export const FAST_SERVED: ServedConfig = {
  syncTimeoutMs: 10_000,
  allowPrivateWebhooks: true,
  keyProbeEveryMs: 50,
  webhooks: {
    secret: TEST_WEBHOOK_SECRET,
    targets: { allowPrivate: true },
    retry: { backoff: { baseMs: 5, capMs: 20 }, windowMs: 60_000 },
    timeoutMs: 5_000,
  },
};

/** Tracker settings a test overrides; the rest come from FAST_TRACKER. */
export type TestTrackerConfig = Omit<Partial<TrackerConfig>, "retry"> & { retry?: Partial<TrackerConfig["retry"]> };

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "kontext-test-"));

/**
 * A service on the embedded stores under a fresh (or given) data folder; `config` goes on top
 * of FAST_TRACKER. `seen` collects every event it publishes.
 */
export function createTestPredictions(
  engine: Engine,
  options: {
    dataDir?: string;
    config?: TestTrackerConfig;
    webhooks?: WebhookInbox;
    /** Puts a wrapper around the store of originals (to watch or slow its writes). */
    wrapBlobs?: (blobs: BlobStore) => BlobStore;
    served?: Partial<ServedConfig>;
    limits?: SubmitLimitsConfig & { submits: Limiter };
    maxSweepCells?: number;
    /** How image URLs of edits are fetched; by default as a server without IMAGE_URL_ALLOW_PRIVATE does. */
    imageUrls?: Partial<ImageUrlConfig>;
    /** Other stores than SQLite and disk under `dataDir` (PostgreSQL and S3, testing/cluster.ts). */
    stores?: PredictionStores;
    /** How long an object waits without an owner before maintenance removes it; at once by default. */
    strayGraceMs?: number;
  } = {},
) {
  const dataDir = options.dataDir ?? tempDir();
  const opened = options.stores ?? openEmbeddedStores(dataDir);
  const stores = options.wrapBlobs ? { ...opened, blobs: options.wrapBlobs(opened.blobs) } : opened;
  const { retry, ...config } = options.config ?? {};
  const trackerConfig = { ...FAST_TRACKER, ...config, retry: { ...FAST_TRACKER.retry, ...retry } };
  const built = buildPredictionService(stores, {
    engine,
    trackerConfig,
    webhooks: options.webhooks,
    served: { ...FAST_SERVED, ...options.served },
    limits: options.limits,
    imageUrls: { allowPrivate: false, timeoutMs: 5_000, ...options.imageUrls },
    strayGraceMs: options.strayGraceMs ?? 0,
  });
  const sweeps = buildSweepService(stores, built.service, options.maxSweepCells ?? 64);
  const seen: PredictionEvent[] = [];
  stores.events.subscribe((event) => seen.push(event));
  const archive = new ArchiveService({ ...stores, inputImages: built.inputs, maxSweepCells: options.maxSweepCells ?? 64 });
  return {
    ...built,
    sweeps,
    archive,
    stores,
    events: stores.events,
    repo: stores.repo,
    deliveries: stores.deliveries,
    seen,
    dataDir,
  };
}

/** Submits a body as the playground's route does: checked by the schema of the kind its fields name, then started. */
export async function submitBody(
  service: Pick<PredictionService, "submit">,
  body: unknown,
  extras?: SubmitExtras,
): Promise<PredictionRecord> {
  return service.submit(parseOrThrow(runRequestSchema, body), extras);
}

/** Resolves once the prediction reaches `completed` or `failed`. */
export async function waitForTerminal(
  service: Pick<PredictionService, "find">,
  id: string,
  timeoutMs = 10_000,
): Promise<PredictionRecord> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const record = await service.find(id);
    if (record && isTerminal(record.status)) return record;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`prediction ${id} did not finish within ${timeoutMs} ms`);
}

/** One stored output with its bytes, as the image route would send them. */
export async function readOutput(service: PredictionService, id: string, index: number) {
  const { output, blob } = await service.files.openOutput(id, index);
  return { output, bytes: Buffer.from(await new Response(blob.body).arrayBuffer()) };
}

export const pngOf = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3b82f6" } })
    .png()
    .toBuffer();

export { serveOnLoopback };

/** A loopback URL nothing listens on any more: connections to it are refused. */
export async function refusedUrl(): Promise<string> {
  const server = await serveOnLoopback((_req, res) => res.end());
  await server.close();
  return server.url;
}

/** `fetch` that counts the calls made through it. */
export function countingFetch() {
  const counter = {
    calls: 0,
    fetch: ((...args: Parameters<typeof fetch>) => {
      counter.calls++;
      return fetch(...args);
    }) as typeof fetch,
  };
  return counter;
}
