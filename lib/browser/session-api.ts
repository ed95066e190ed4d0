import type { SessionView } from "@/lib/playground-api";
import { fetchJson } from "./fetcher";

const JSON_HEADERS = { "content-type": "application/json" };

/** Every page asks who is looking: two booleans, checked by hand so no page loads the schemas for it. */
const sessionView = (body: unknown): SessionView | undefined => {
  const { owner, signInRequired } = (body ?? {}) as Partial<SessionView>;
  return typeof owner === "boolean" && typeof signInRequired === "boolean" ? { owner, signInRequired } : undefined;
};

/** Signing in and out, and what the owner may see: the playground's `/api/session` and `/api/budget`. */
export const sessionApi = {
  get: (signal?: AbortSignal) => fetchJson("/api/session", sessionView, { signal }),

  signIn: (token: string) =>
    fetchJson("/api/session", sessionView, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ token }) }),

  signOut: () => fetchJson("/api/session", sessionView, { method: "DELETE", headers: JSON_HEADERS }),

  /** Ends every session the owner has, on every browser, this one included. */
  signOutEverywhere: () => fetchJson("/api/session/all", sessionView, { method: "DELETE", headers: JSON_HEADERS }),

  budget: (signal?: AbortSignal) => fetchJson("/api/budget", "budget", { signal }),
};
