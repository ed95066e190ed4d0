import "server-only";
import path from "node:path";
import { ArchiveService } from "./archive/service";
import { openEmbeddedStores } from "./embedded-stores";
import { createLocalEngine } from "./engines/local";
import type { Engine } from "./engines/types";
import { createWavespeedEngine, createWavespeedWebhookInbox } from "./engines/wavespeed";
import { type Env, getEnv } from "./env";
import { log } from "./log";
import { buildPredictionService } from "./predictions/build";
import { DEFAULT_MIRROR_LIMITS } from "./predictions/mirror";
import type { PredictionService } from "./predictions/service";
import type { TrackerConfig } from "./predictions/tracker";
import { buildSweepService } from "./sweeps/build";
import type { SweepService } from "./sweeps/sweep-service";

/**
 * The composition root: the one place that reads the validated env and builds the
 * services. Routes, pages and instrumentation import it; nothing in lib/ does.
 */
export type Services = { predictions: PredictionService; sweeps: SweepService; archive: ArchiveService };

export const WEBHOOK_PATH = "/api/webhooks/wavespeed";

export function webhookUrlFor(env: Env): string | undefined {
  if (!env.PUBLIC_URL || env.KONTEXT_ENGINE !== "wavespeed" || env.WAVESPEED_WEBHOOKS === "off") return undefined;
  if (env.WAVESPEED_WEBHOOKS === "auto" && !env.PUBLIC_URL.startsWith("https://")) return undefined;
  return env.PUBLIC_URL + WEBHOOK_PATH;
}

function engineFor(env: Env): Engine {
  if (env.KONTEXT_ENGINE === "local") return createLocalEngine();
  return createWavespeedEngine({ apiKey: env.WAVESPEED_API_KEY!, baseUrl: env.WAVESPEED_BASE_URL });
}

export function trackerConfigFor(env: Env): TrackerConfig {
  const local = env.KONTEXT_ENGINE === "local";
  const webhookUrl = webhookUrlFor(env);
  return {
    // The local engine shares this machine's cores; more at once only queues inside sharp.
    maxConcurrency: local ? 2 : env.WAVESPEED_MAX_CONCURRENCY,
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
    retry: { backoff: { baseMs: 250, capMs: 8_000 }, maxSubmitAttempts: 4, maxPollFailures: 8, maxDownloadAttempts: 3 },
    mirrorLimits: DEFAULT_MIRROR_LIMITS,
    webhookUrl,
  };
}

function buildServices(env: Env): Services {
  const engine = engineFor(env);
  const webhooks = webhookUrlFor(env)
    ? createWavespeedWebhookInbox({ apiKey: env.WAVESPEED_API_KEY!, baseUrl: env.WAVESPEED_BASE_URL })
    : undefined;
  const stores = openEmbeddedStores(env.DATA_DIR);
  const { service, tracker } = buildPredictionService(stores, { engine, trackerConfig: trackerConfigFor(env), webhooks });
  const sweeps = buildSweepService(stores, service, env.SWEEP_MAX_CELLS);
  const archive = new ArchiveService(stores);
  void tracker.resume().then(
    (resumed) => log.info("predictions ready", { engine: engine.name, dataDir: path.resolve(env.DATA_DIR), resumed }),
    (error: unknown) => log.error("could not resume unfinished predictions", { error: String(error) }),
  );
  return { predictions: service, sweeps, archive };
}

// The one process-wide holder. Next bundles route handlers and instrumentation apart, so this
// module can be loaded twice in one process; the process must still keep exactly one database
// handle, tracker and event bus.
const holder = globalThis as typeof globalThis & { __kontextServices?: Services };

export function getServices(): Services {
  holder.__kontextServices ??= buildServices(getEnv());
  return holder.__kontextServices;
}
