import { type SweepRequest, sweepViewSchema } from "@/lib/playground-api";
import { fetchJson } from "./fetcher";

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const path = (id: string, action = "") => `/api/sweeps/${encodeURIComponent(id)}${action}`;

/** The playground's sweep endpoints, as the browser calls them. */
export const sweepsApi = {
  create: (request: SweepRequest) => fetchJson("/api/sweeps", sweepViewSchema, post(request)),
  get: (id: string, signal?: AbortSignal) => fetchJson(path(id), sweepViewSchema, { signal }),
  cancel: (id: string) => fetchJson(path(id, "/cancel"), sweepViewSchema, post({})),
  retry: (id: string, confirmedCostUsd?: number) => fetchJson(path(id, "/retry"), sweepViewSchema, post({ confirmedCostUsd })),
};
