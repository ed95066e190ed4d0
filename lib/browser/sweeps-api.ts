import type { SweepRequest } from "@/lib/playground-api";
import { fetchJson } from "./fetcher";

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const path = (id: string, action = "") => `/api/sweeps/${encodeURIComponent(id)}${action}`;

/** The playground's sweep endpoints, as the browser calls them. */
export const sweepsApi = {
  create: (request: SweepRequest) => fetchJson("/api/sweeps", "sweep", post(request)),
  get: (id: string, signal?: AbortSignal) => fetchJson(path(id), "sweep", { signal }),
  cancel: (id: string) => fetchJson(path(id, "/cancel"), "sweep", post({})),
  retry: (id: string, confirmedCostUsd?: number) => fetchJson(path(id, "/retry"), "sweep", post({ confirmedCostUsd })),
};
