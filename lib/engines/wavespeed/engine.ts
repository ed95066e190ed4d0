import "server-only";
import { MODEL_ID, SUBMIT_PATH, resultPath } from "../../contract";
import { UpstreamError, type Engine } from "../types";
import { fullJitterDelay, sleep } from "./backoff";
import { getStateOnce } from "./get-state";
import { submitOnce } from "./submit";

export type WavespeedConfig = {
  apiKey: string;
  /** e.g. https://api.wavespeed.ai (a trailing slash is fine). */
  baseUrl: string;
  fetchImpl?: typeof fetch;
  submitTimeoutMs?: number;
  resultTimeoutMs?: number;
  /** Total submit attempts, the first included. */
  maxSubmitAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /**
   * A Retry-After longer than this is not waited out inside submit: the
   * error goes up with retryAfterMs and the caller decides. The default is a
   * minute because that is when the upstream's rate-limit window resets.
   */
  maxRetryWaitMs?: number;
};

/** The WaveSpeed HTTP engine: one submit (retried only where it is safe) and one result GET per call. */
export function createWavespeedEngine(config: WavespeedConfig): Engine {
  const base = config.baseUrl.replace(/\/+$/, "");
  const fetchImpl = config.fetchImpl ?? fetch;
  const apiKey = config.apiKey;
  const maxAttempts = Math.max(1, config.maxSubmitAttempts ?? 4);
  const backoff = { baseMs: config.backoffBaseMs ?? 250, capMs: config.backoffCapMs ?? 5_000 };
  const maxRetryWaitMs = config.maxRetryWaitMs ?? 60_000;

  return {
    name: "wavespeed",
    model: MODEL_ID,

    async submit(input, options) {
      const query = options.webhookUrl ? `?webhook=${encodeURIComponent(options.webhookUrl)}` : "";
      const call = { fetchImpl, apiKey, url: `${base}${SUBMIT_PATH}${query}`, timeoutMs: config.submitTimeoutMs ?? 30_000 };
      for (let attempt = 1; ; attempt++) {
        try {
          return await submitOnce(call, input);
        } catch (error) {
          const safeToResend = error instanceof UpstreamError && (error.kind === "rate_limited" || error.kind === "unavailable");
          if (!safeToResend || attempt >= maxAttempts) throw error;
          const delay = error.details.retryAfterMs ?? fullJitterDelay(attempt, backoff);
          if (delay > maxRetryWaitMs) throw error;
          await sleep(delay);
        }
      }
    },

    getState(upstreamId) {
      return getStateOnce({ fetchImpl, apiKey, url: `${base}${resultPath(upstreamId)}`, timeoutMs: config.resultTimeoutMs ?? 15_000 });
    },
  };
}
