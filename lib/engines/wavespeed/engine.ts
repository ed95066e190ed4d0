import "server-only";
import { MODEL_ID, resultPath, SUBMIT_PATH } from "../../contract";
import type { Engine } from "../types";
import { getStateOnce } from "./get-state";
import { submitOnce } from "./submit";
import { fetchWebhookSecret } from "./webhook";

export type WavespeedConfig = {
  apiKey: string;
  /** e.g. https://api.wavespeed.ai (a trailing slash is fine). */
  baseUrl: string;
  fetchImpl?: typeof fetch;
  submitTimeoutMs?: number;
  resultTimeoutMs?: number;
};

/**
 * The WaveSpeed HTTP engine: one request per call. It classifies each failure
 * (UpstreamError.kind, Retry-After) and never retries: whether another submit is
 * safe is decided by the tracker, through lib/retry.ts.
 */
export function createWavespeedEngine(config: WavespeedConfig): Engine {
  const base = config.baseUrl.replace(/\/+$/, "");
  const fetchImpl = config.fetchImpl ?? fetch;
  const apiKey = config.apiKey;

  return {
    name: "wavespeed",
    model: MODEL_ID,

    submit(input, options) {
      const query = options.webhookUrl ? `?webhook=${encodeURIComponent(options.webhookUrl)}` : "";
      return submitOnce(
        { fetchImpl, apiKey, url: `${base}${SUBMIT_PATH}${query}`, timeoutMs: config.submitTimeoutMs ?? 30_000 },
        input,
      );
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
