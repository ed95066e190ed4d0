import type { AnyPredictionRequest } from "@/lib/contract";
import type { AnnotationBody, ParentRefBody } from "@/lib/playground-api";
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
  /**
   * `parent`: the run this one is made from, recorded as its lineage. The key makes a resend of this
   * same submit (after a lost answer) return its prediction instead of a second one.
   */
  submit: (request: AnyPredictionRequest, idempotencyKey: string, parent?: ParentRefBody | null) =>
    fetchJson("/api/predictions", "prediction", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify(parent ? { ...request, parent } : request),
    }),

  /** A note, a star, or both. */
  annotate: (id: string, annotation: AnnotationBody) =>
    fetchJson(`/api/predictions/${encodeURIComponent(id)}`, "prediction", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(annotation),
    }),

  get: (id: string, signal?: AbortSignal) => fetchJson(`/api/predictions/${encodeURIComponent(id)}`, "prediction", { signal }),

  /** One page of history; `filters` is the history view's query (search, status, starred, …). */
  list: (params: { cursor?: string; limit?: number; filters?: URLSearchParams }, signal?: AbortSignal) => {
    const query = new URLSearchParams(params.filters);
    if (params.cursor) query.set("cursor", params.cursor);
    if (params.limit) query.set("limit", String(params.limit));
    return fetchJson(`/api/predictions?${query}`, "history", { signal });
  },

  remove: (id: string) => fetchNoContent(`/api/predictions/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
