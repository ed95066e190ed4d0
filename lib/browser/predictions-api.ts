import type { PredictionRequest } from "@/lib/contract";
import { type AnnotationBody, historyPageSchema, type ParentRefBody, predictionViewSchema } from "@/lib/playground-api";
import { fetchJson, fetchNoContent } from "./fetcher";

/** The playground's own JSON endpoints, as the browser calls them. */
export const predictionsApi = {
  /** `parent`: the run this one is made from, recorded as its lineage. */
  submit: (request: PredictionRequest, parent?: ParentRefBody | null) =>
    fetchJson("/api/predictions", predictionViewSchema, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(parent ? { ...request, parent } : request),
    }),

  /** A note, a star, or both. */
  annotate: (id: string, annotation: AnnotationBody) =>
    fetchJson(`/api/predictions/${encodeURIComponent(id)}`, predictionViewSchema, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(annotation),
    }),

  get: (id: string, signal?: AbortSignal) =>
    fetchJson(`/api/predictions/${encodeURIComponent(id)}`, predictionViewSchema, { signal }),

  /** One page of history; `filters` is the history view's query (search, status, starred, …). */
  list: (params: { cursor?: string; limit?: number; filters?: URLSearchParams }, signal?: AbortSignal) => {
    const query = new URLSearchParams(params.filters);
    if (params.cursor) query.set("cursor", params.cursor);
    if (params.limit) query.set("limit", String(params.limit));
    return fetchJson(`/api/predictions?${query}`, historyPageSchema, { signal });
  },

  remove: (id: string) => fetchNoContent(`/api/predictions/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
