import "server-only";
import path from "node:path";
import { createLocalEngine } from "../engines/local";
import type { Engine } from "../engines/types";
import { createWavespeedEngine } from "../engines/wavespeed";
import { getEnv, type Env } from "../env";
import { log } from "../log";
import { DEFAULT_MIRROR_LIMITS } from "./mirror";
import { buildPredictions } from "./build";
import type { PredictionService } from "./service";
import type { TrackerConfig } from "./tracker";

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
    retry: { baseMs: 250, capMs: 8_000 },
    maxPollFailures: 8,
    mirrorAttempts: 3,
    mirrorLimits: DEFAULT_MIRROR_LIMITS,
    webhookUrl,
  };
}

function createPredictions(env: Env): PredictionService {
  const engine = engineFor(env);
  const { service, tracker } = buildPredictions({ dataDir: env.DATA_DIR, engine, trackerConfig: trackerConfigFor(env) });
  const resumed = tracker.resume();
  log.info("predictions ready", { engine: engine.name, dataDir: path.resolve(env.DATA_DIR), resumed });
  return service;
}

// Route handlers and instrumentation may load separate copies of this module;
// the process keeps exactly one service, database handle and tracker.
const holder = globalThis as typeof globalThis & { __kontextPredictions?: PredictionService };

export function getPredictions(): PredictionService {
  holder.__kontextPredictions ??= createPredictions(getEnv());
  return holder.__kontextPredictions;
}
