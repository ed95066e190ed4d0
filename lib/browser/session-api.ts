import { fetchJson } from "./fetcher";

const JSON_HEADERS = { "content-type": "application/json" };

/** Signing in and out, and what the owner may see: the playground's `/api/session` and `/api/budget`. */
export const sessionApi = {
  get: (signal?: AbortSignal) => fetchJson("/api/session", "session", { signal }),

  signIn: (token: string) =>
    fetchJson("/api/session", "session", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ token }) }),

  signOut: () => fetchJson("/api/session", "session", { method: "DELETE", headers: JSON_HEADERS }),

  budget: (signal?: AbortSignal) => fetchJson("/api/budget", "budget", { signal }),
};
