import "server-only";
import { MODEL_ID, resultPath } from "../../contract";
import { modelIdOf } from "../../domain";
import { type Engine, UpstreamError, type UpstreamImageMemory } from "../types";
import { getStateOnce } from "./get-state";
import { submitBody, submitOnce } from "./submit";
import { uploadOnce } from "./upload";
import { memoryInProcess, upstreamUrls, usableUntil } from "./upstream-images";
import { fetchWebhookSecret } from "./webhook";

export type WavespeedConfig = {
  apiKey: string;
  /** e.g. https://api.wavespeed.ai (a trailing slash is fine). */
  baseUrl: string;
  fetchImpl?: typeof fetch;
  submitTimeoutMs?: number;
  resultTimeoutMs?: number;
  uploadTimeoutMs?: number;
  /** Where WaveSpeed already holds which picture (kept in the store); in this process only when absent. */
  images?: UpstreamImageMemory;
  now?: () => Date;
};

/**
 * The WaveSpeed HTTP engine: one request per call. It classifies each failure
 * (UpstreamError.kind, Retry-After) and never retries: whether another submit is
 * safe is decided by the tracker, through lib/retry.ts. An edit's input images are
 * uploaded first (or found among the copies WaveSpeed already holds); the task is
 * submitted only once every one of them is there.
 */
export function createWavespeedEngine(config: WavespeedConfig): Engine {
  const base = config.baseUrl.replace(/\/+$/, "");
  const fetchImpl = config.fetchImpl ?? fetch;
  const apiKey = config.apiKey;
  const memory = config.images ?? memoryInProcess();
  const now = config.now ?? (() => new Date());
  const upload = { fetchImpl, apiKey, baseUrl: base, timeoutMs: config.uploadTimeoutMs ?? 60_000 };

  return {
    name: "wavespeed",
    model: MODEL_ID,
    modelFor: modelIdOf,

    async submit(input, options) {
      const query = options.webhookUrl ? `?webhook=${encodeURIComponent(options.webhookUrl)}` : "";
      const urls = input.edit
        ? await upstreamUrls((await options.images?.()) ?? [], memory, (image) => uploadOnce(upload, image), now)
        : [];
      if (input.edit && urls.length !== input.edit.images.length)
        throw new UpstreamError("rejected", "The input images of this edit are missing from this server's storage");
      return submitOnce(
        {
          fetchImpl,
          apiKey,
          url: `${base}/api/v3/${modelIdOf(input)}${query}`,
          timeoutMs: config.submitTimeoutMs ?? 30_000,
        },
        submitBody(input, urls),
      );
    },

    async knownImage(sha256, url) {
      await memory.remember(sha256, url, usableUntil(now()));
    },

    getState(upstreamId) {
      return getStateOnce({
        fetchImpl,
        apiKey,
        url: `${base}${resultPath(upstreamId)}`,
        timeoutMs: config.resultTimeoutMs ?? 15_000,
      });
    },

    async checkKey() {
      // The account's webhook secret: authenticated, read-only, and free.
      await fetchWebhookSecret({ apiKey, baseUrl: base, fetchImpl, timeoutMs: config.resultTimeoutMs ?? 15_000 });
    },
  };
}
