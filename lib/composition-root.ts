import "server-only";
import path from "node:path";
import { trace } from "@opentelemetry/api";
import { AccessService } from "./access/access-service";
import { type Limiter, perMinuteInMemory } from "./access/limiter";
import { ArchiveService } from "./archive/service";
import { themeInitScript } from "./browser/theme";
import { CardService } from "./cards/card-service";
import { maxSubmitBodyBytes } from "./contract";
import type { SessionRepo } from "./db/session-repo";
import { MAX_MULTI_IMAGES } from "./domain";
import { openDiskStores, openSqliteStores, type RecordStores } from "./embedded-stores";
import { createLocalEngine } from "./engines/local";
import { createRenderPool, threadsForThisMachine } from "./engines/local/render-pool";
import type { Engine, UpstreamImageMemory } from "./engines/types";
import { createWavespeedEngine, createWavespeedWebhookInbox } from "./engines/wavespeed";
import { type Env, getEnv, isLoopbackBind } from "./env";
import { requestBaseUrl, servesHttps } from "./http/base-url";
import { scriptHash } from "./http/script-hashes";
import type { MediaUploads } from "./inputs/media-uploads";
import { log } from "./log";
import { McpEndpoint } from "./mcp/endpoint";
import { Observation } from "./observability/observe";
import type { OperatorMetrics } from "./observability/operator-metrics";
import { runQueueReading } from "./observability/queue-reading";
import { Readiness, storeProbes } from "./observability/readiness";
import { RefreshedFigure } from "./observability/refreshed-figure";
import { openPageStore } from "./pages/open-page-store";
import { forgettingChangedPages } from "./pages/page-revalidation";
import { buildPredictionService, type PredictionStores, type ServedConfig } from "./predictions/build";
import { threadRunIds } from "./predictions/lineage";
import type { ServedApi } from "./predictions/served/served-api";
import type { PredictionService } from "./predictions/service";
import { EventStreams } from "./predictions/wire/event-streams";
import { diskUsage } from "./retention/disk-usage";
import { StorageKeeper } from "./retention/storage-keeper";
import type { TrackerConfig } from "./runs/config";
import { DEFAULT_MIRROR_LIMITS } from "./runs/mirror";
import { openPostgresStores, openS3Stores } from "./scaled-stores";
import { buildSweepService } from "./sweeps/build";
import type { SweepService } from "./sweeps/sweep-service";
import { loadWebhookSecret } from "./webhooks/secret";

/**
 * The composition root: the one place that reads the validated env and builds the
 * services. Routes, pages and instrumentation import it; nothing in lib/ does.
 */
export type Services = {
  predictions: PredictionService;
  served: ServedApi;
  access: AccessService;
  sweeps: SweepService;
  archive: ArchiveService;
  cards: CardService;
  uploads: MediaUploads;
  eventStreams: EventStreams;
  mcp: McpEndpoint;
  /** The operator's view: /metrics, /api/ready, and storage (retention, MAX_STORAGE_GB). */
  metrics: OperatorMetrics;
  readiness: Readiness;
  storage: StorageKeeper;
};

/** Wrong tokens allowed per client address and minute, at /login and by Bearer header alike. */
const FAILED_SIGN_INS_PER_MINUTE = 10;

export const WEBHOOK_PATH = "/api/webhooks/wavespeed";

const renderThreads = (env: Env) => env.LOCAL_RENDER_THREADS ?? threadsForThisMachine();

/** How often unfinished predictions nothing tracks are picked up, and the disk reserve taken back. */
const MAINTENANCE_MS = 15_000;

/** Today's budget left, for /metrics: read at most once a second after runs start or end, and every minute. */
const BUDGET_FIGURE_TIMING = { minGapMs: 1_000, everyMs: 60_000 };

/** Assistants' MCP sessions kept at once, and how long an unused one lives (a client opens another). */
const MCP_SESSIONS = 64;
const MCP_IDLE_MS = 8 * 60 * 60_000;

export function webhookUrlFor(env: Env): string | undefined {
  if (!env.PUBLIC_URL || env.KONTEXT_ENGINE !== "wavespeed" || env.WAVESPEED_WEBHOOKS === "off") return undefined;
  if (env.WAVESPEED_WEBHOOKS === "auto" && !env.PUBLIC_URL.startsWith("https://")) return undefined;
  return env.PUBLIC_URL + WEBHOOK_PATH;
}

function engineFor(env: Env, upstreamImages: UpstreamImageMemory): Engine {
  // Rendering is CPU work: it runs on worker threads so the server's own thread keeps answering.
  if (env.KONTEXT_ENGINE === "local")
    return createLocalEngine({ render: createRenderPool({ threads: renderThreads(env) }).render });
  return createWavespeedEngine({ apiKey: env.WAVESPEED_API_KEY!, baseUrl: env.WAVESPEED_BASE_URL, images: upstreamImages });
}

export function trackerConfigFor(env: Env): TrackerConfig {
  const local = env.KONTEXT_ENGINE === "local";
  const webhookUrl = webhookUrlFor(env);
  return {
    // One prediction per render thread: more at once would only wait for a thread.
    maxConcurrency: local ? renderThreads(env) : env.WAVESPEED_MAX_CONCURRENCY,
    deadlineMs: env.WAVESPEED_DEADLINE_MS,
    schedule: local
      ? { firstPollMs: 40, intervalMs: 40, maxGapMs: 40 }
      : {
          firstPollMs: 500,
          // With a webhook the poll is only a safety net.
          intervalMs: webhookUrl ? env.WAVESPEED_POLL_INTERVAL_MS * 8 : env.WAVESPEED_POLL_INTERVAL_MS,
          maxGapMs: webhookUrl ? 10_000 : 1_000,
        },
    expectedDurationMs: local ? 200 : 4_000,
    retry: {
      backoff: { baseMs: 250, capMs: 8_000 },
      maxSubmitAttempts: 4,
      maxPollFailures: 8,
      maxDownloadAttempts: 3,
      maxStoreAttempts: 6,
    },
    mirrorLimits: DEFAULT_MIRROR_LIMITS,
    webhookUrl,
  };
}

export function accessFor(env: Env, sessions: SessionRepo, perMinute: PerMinute = perMinuteInMemory): AccessService {
  const config = {
    accessToken: env.ACCESS_TOKEN,
    hosts: { publicUrl: env.PUBLIC_URL, loopbackBind: isLoopbackBind(env.HOST), trustProxy: env.TRUST_PROXY },
    https: servesHttps(env),
    development: env.NODE_ENV === "development",
    // The root layout's one inline script, on every page: allowed by its hash, cached page or not.
    knownScriptHashes: [scriptHash(themeInitScript)],
    metricsToken: env.METRICS_TOKEN,
  };
  return new AccessService(config, perMinute(FAILED_SIGN_INS_PER_MINUTE, "sign-in"), sessions);
}

export function servedConfigFor(env: Env): ServedConfig {
  return {
    syncTimeoutMs: env.SYNC_MODE_TIMEOUT_MS,
    allowPrivateWebhooks: env.WEBHOOK_ALLOW_PRIVATE,
    webhooks: {
      secret: loadWebhookSecret(env.DATA_DIR, env.WEBHOOK_SECRET),
      targets: { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE },
      // From a couple of seconds to an hour apart, for a day: long enough to outlast a receiver's outage.
      retry: { backoff: { baseMs: 2_000, capMs: 60 * 60_000 }, windowMs: 24 * 60 * 60_000 },
      timeoutMs: 10_000,
    },
  };
}

/** A counter of attempts per key and minute; `name` keeps counters of different kinds apart. */
type PerMinute = (points: number, name: string) => Limiter;

/**
 * The stores the environment chooses: SQLite and the data folder by default; PostgreSQL with
 * DATABASE_URL and an S3 bucket with S3_*, so several instances can share the work. Rate limits
 * are counted where the records are.
 */
function openStores(env: Env): { stores: PredictionStores & RecordStores; perMinute: PerMinute } {
  const files = env.S3_ENDPOINT ? openS3Stores(env) : openDiskStores(env.DATA_DIR);
  if (!env.DATABASE_URL) return { stores: { ...openSqliteStores(env.DATA_DIR), ...files }, perMinute: perMinuteInMemory };
  const { stores, perMinute, instance } = openPostgresStores(env);
  if (!env.S3_ENDPOINT)
    log.warn("DATABASE_URL is set but images stay in DATA_DIR on this machine: other instances cannot read them; set S3_* too");
  log.info("records in PostgreSQL", { instance, images: files.location });
  return { stores: { ...stores, ...files }, perMinute };
}

function buildServices(env: Env): Services {
  const opened = openStores(env);
  const { perMinute } = opened;
  // Cached share pages showing a run are forgotten as its changes are published.
  const threadRuns = (threadId: string) => threadRunIds(opened.stores.repo, threadId);
  const paging = { ...opened.stores, events: forgettingChangedPages(opened.stores.events, openPageStore(env), threadRuns) };

  // The operator's view, from outside: metrics and spans around the engine, the inbox, the stores and the bus.
  const observation = new Observation(env.OTEL_EXPORTER_OTLP_ENDPOINT ? trace.getTracer("kontext-playground") : undefined);
  const stores = observation.stores(paging);
  const engine = observation.engine(engineFor(env, stores.upstreamImages));
  const webhooks = observation.inbox(
    webhookUrlFor(env)
      ? createWavespeedWebhookInbox({ apiKey: env.WAVESPEED_API_KEY!, baseUrl: env.WAVESPEED_BASE_URL })
      : undefined,
  );
  const storage = storageKeeperFor(env, stores, (id) => service.delete(id));
  const { service, served, keyGate, webhookSender, uploads, inputs } = buildPredictionService(stores, {
    engine,
    trackerConfig: trackerConfigFor(env),
    webhooks,
    served: servedConfigFor(env),
    limits: {
      submits: perMinute(env.SUBMITS_PER_MINUTE, "submits"),
      maxQueued: env.MAX_QUEUED,
      budgetUsdPerDay: env.BUDGET_USD_PER_DAY,
      storage: storage.quota,
    },
    imageUrls: { allowPrivate: env.IMAGE_URL_ALLOW_PRIVATE, timeoutMs: env.IMAGE_URL_TIMEOUT_MS },
  });
  const sweeps = buildSweepService(stores, service, env.SWEEP_MAX_CELLS);
  const archive = new ArchiveService({ ...stores, inputImages: inputs, maxSweepCells: env.SWEEP_MAX_CELLS });
  const cards = new CardService({ predictions: service, sweeps }, stores.cardBlobs, stores.events);
  // A key the upstream already rejects is known before the first submit, not after it.
  void keyGate.check();
  void service
    .start({ maintenanceMs: MAINTENANCE_MS })
    .then(
      ({ resumed, strays }) =>
        log.info("predictions ready", { engine: engine.name, dataDir: path.resolve(env.DATA_DIR), resumed, strays }),
      (error: unknown) => log.error("could not resume unfinished predictions", { error: String(error) }),
    )
    // Storage is first measured once the start has cleared what a crash left and taken the disk reserve.
    .finally(() => storage.start());
  void uploads
    .sweepExpired({ force: true })
    .catch((error: unknown) => log.error("could not end expired uploads", { error: String(error) }));
  void webhookSender.start().then(
    (open) => open > 0 && log.info("webhook deliveries resumed", { open }),
    (error: unknown) => log.error("could not resume webhook deliveries", { error: String(error) }),
  );
  const eventStreams = new EventStreams((listener) => service.subscribe(listener), {
    maxClients: env.SSE_MAX_CLIENTS,
    maxBufferedBytes: env.SSE_MAX_BUFFER_BYTES,
    heartbeatMs: 15_000,
  });
  const mcp = new McpEndpoint({
    predictions: service,
    sweeps,
    baseUrlOf: requestBaseUrl,
    config: {
      waitMs: env.SYNC_MODE_TIMEOUT_MS,
      maxSessions: MCP_SESSIONS,
      idleMs: MCP_IDLE_MS,
      maxBodyBytes: maxSubmitBodyBytes(env.MAX_BODY_BYTES, MAX_MULTI_IMAGES),
    },
  });

  const readiness = watchFigures(env, { observation, stores, service, eventStreams, storage });

  return {
    predictions: service,
    served,
    access: accessFor(env, stores.sessions, perMinute),
    sweeps,
    archive,
    uploads,
    eventStreams,
    cards,
    mcp,
    metrics: observation.metrics,
    readiness,
    storage,
  };
}

/** Retention and MAX_STORAGE_GB: what a bucket holds is read from the records, a data folder is walked. */
function storageKeeperFor(env: Env, stores: PredictionStores & RecordStores, remove: (id: string) => Promise<void>) {
  return new StorageKeeper(
    {
      repo: stores.retention,
      measure: env.S3_ENDPOINT ? () => stores.retention.recordedBytes() : () => diskUsage(path.resolve(env.DATA_DIR)),
      remove,
      subscribe: (listener) => stores.events.subscribe(listener),
    },
    { retentionDays: env.RETENTION_DAYS, maxStorageGb: env.MAX_STORAGE_GB, location: stores.location },
  );
}

/**
 * What /metrics reads at each scrape, and what /api/ready checks. Today's spend is read again as runs
 * start and end, not at each scrape: at 10,000 runs a day that query reads every one of them.
 */
function watchFigures(
  env: Env,
  parts: {
    observation: Observation;
    stores: PredictionStores & RecordStores;
    service: PredictionService;
    eventStreams: EventStreams;
    storage: StorageKeeper;
  },
): Readiness {
  const { observation, stores, service, eventStreams, storage } = parts;
  // Only WaveSpeed spends: the local engine is free, and has no budget to watch.
  const budgeted = env.BUDGET_USD_PER_DAY !== undefined && service.engineInfo().engine === "wavespeed";
  const budgetLeft = budgeted
    ? new RefreshedFigure(async () => (await service.budgetToday())?.leftUsd ?? 0, BUDGET_FIGURE_TIMING)
    : undefined;
  if (budgetLeft) {
    budgetLeft.start();
    stores.events.subscribe((event) => event.type === "updated" && budgetLeft.changed());
  }
  observation.metrics.readFrom({
    runQueue: runQueueReading(service),
    budgetLeftUsd: budgetLeft && (() => budgetLeft.value()),
    eventClients: () => eventStreams.count,
    storageLimitBytes: storage.quota.limitBytes,
    storage: () => storage.quota.figures(),
  });
  return new Readiness({
    migrations: stores.migrations,
    probes: storeProbes({ ...stores, dataDir: env.S3_ENDPOINT ? undefined : path.resolve(env.DATA_DIR) }),
  });
}

// The one process-wide holder. Next bundles route handlers and instrumentation apart, so this
// module can be loaded twice in one process; the process must still keep exactly one database
// handle, tracker and event bus.
const holder = globalThis as typeof globalThis & { __kontextServices?: Services };

export function getServices(): Services {
  holder.__kontextServices ??= buildServices(getEnv());
  return holder.__kontextServices;
}

/**
 * What every page's frame shows (which engine runs, whether there is an owner to sign in), from the
 * environment alone: a page prerendered at build (the static 404) must not open the data folder.
 */
export function siteShell(): { engine: Env["KONTEXT_ENGINE"]; signInRequired: boolean } {
  const env = getEnv();
  return { engine: env.KONTEXT_ENGINE, signInRequired: Boolean(env.ACCESS_TOKEN) };
}
