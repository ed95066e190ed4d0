import type { PredictionRequest } from "@/lib/contract";
import type { PredictionStatus } from "@/lib/domain";
import { historyPageSchema, predictionViewSchema } from "@/lib/playground-api";
import { fetchJson, fetchNoContent } from "./fetcher";

/**
 * A fresh Idempotency-Key: 128 random bits in hex. `getRandomValues`, unlike `randomUUID`, works on
 * plain http too (a playground served on a LAN address).
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The playground's own JSON endpoints, as the browser calls them. */
export const predictionsApi = {
  /** The key makes a resend of this same submit (after a lost answer) return its prediction instead of a second one. */
  submit: (request: PredictionRequest, idempotencyKey: string) =>
    fetchJson("/api/predictions", predictionViewSchema, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify(request),
    }),

  get: (id: string, signal?: AbortSignal) =>
    fetchJson(`/api/predictions/${encodeURIComponent(id)}`, predictionViewSchema, { signal }),

  /** One page of history, optionally narrowed by prompt text and status. */
  list: (params: { cursor?: string; limit?: number; q?: string; status?: PredictionStatus }, signal?: AbortSignal) => {
    const query = new URLSearchParams();
    if (params.q?.trim()) query.set("q", params.q.trim());
    if (params.status) query.set("status", params.status);
    if (params.cursor) query.set("cursor", params.cursor);
    if (params.limit) query.set("limit", String(params.limit));
    return fetchJson(`/api/predictions?${query}`, historyPageSchema, { signal });
  },

  remove: (id: string) => fetchNoContent(`/api/predictions/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
