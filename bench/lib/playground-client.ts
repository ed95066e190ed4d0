import type { PredictionView } from "../../lib/playground-api";
import { getJson, postJson } from "./processes";
import { waitFor } from "./scenario";

export const TEST_VECTOR =
  "A grand steampunk airship soaring through the sky, with intricate brass and copper details, large propellers spinning, and a massive balloon filled with hot air. The airship is adorned with Victorian-style architecture, featuring ornate railings and decorative elements. The sky is a brilliant blue with fluffy white clouds, and the airship casts a shadow on the landscape below. The scene conveys a sense of adventure and exploration";

/** A prompt no other run shares, so the fake's records can be filtered by it. */
export const uniqueToken = (label: string) => `bench${label}${Math.random().toString(36).slice(2, 10)}`;

export const submitPrediction = (baseUrl: string, body: Record<string, unknown>) =>
  postJson<PredictionView>(`${baseUrl}/api/predictions`, body);

export const getPrediction = (baseUrl: string, id: string) => getJson<PredictionView>(`${baseUrl}/api/predictions/${id}`);

/** Waits for a terminal status; polls our own API, never the upstream. */
export function waitForTerminal(baseUrl: string, id: string, timeoutMs: number, intervalMs = 200): Promise<PredictionView> {
  return waitFor(
    `prediction ${id} to finish`,
    async () => {
      const view = await getPrediction(baseUrl, id);
      return view.status === "completed" || view.status === "failed" ? view : undefined;
    },
    timeoutMs,
    intervalMs,
  );
}

/** `eventLoopDelayMs` is the lag proper: the server subtracts its sampling period (`resolutionMs`). */
type Health = {
  inFlight: number;
  waiting: number;
  rssBytes: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number; resolutionMs: number };
  /** Open /api/events streams, and the bytes held for them unread. */
  eventClients: number;
  eventBufferedBytes: number;
};

export const health = (baseUrl: string, reset = false) => getJson<Health>(`${baseUrl}/api/health${reset ? "?reset" : ""}`);

/** Waits until the tracker has nothing in flight or queued. */
export const waitForIdle = (baseUrl: string, timeoutMs: number) =>
  waitFor(
    "the tracker to go idle",
    async () => {
      const figures = await health(baseUrl);
      return figures.inFlight === 0 && figures.waiting === 0 ? true : undefined;
    },
    timeoutMs,
    250,
  );
