import type { PredictionRequest } from "@/lib/contract";
import type { PredictionStatus } from "@/lib/domain";
import { historyPageSchema, predictionViewSchema } from "@/lib/playground-api";
import { fetchJson, fetchNoContent } from "./fetcher";

/** The playground's own JSON endpoints, as the browser calls them. */
export const predictionsApi = {
  submit: (request: PredictionRequest) =>
    fetchJson("/api/predictions", predictionViewSchema, {
      method: "POST",
      headers: { "content-type": "application/json" },
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
