import { budgetAnswerSchema, sessionViewSchema } from "@/lib/playground-api";
import { fetchJson } from "./fetcher";

const JSON_HEADERS = { "content-type": "application/json" };

/** Signing in and out, and what the owner may see: the playground's `/api/session` and `/api/budget`. */
export const sessionApi = {
  get: (signal?: AbortSignal) => fetchJson("/api/session", sessionViewSchema, { signal }),

  signIn: (token: string) =>
    fetchJson("/api/session", sessionViewSchema, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ token }) }),

  signOut: () => fetchJson("/api/session", sessionViewSchema, { method: "DELETE", headers: JSON_HEADERS }),

  /** Ends every session the owner has, on every browser, this one included. */
  signOutEverywhere: () => fetchJson("/api/session/all", sessionViewSchema, { method: "DELETE", headers: JSON_HEADERS }),

  budget: (signal?: AbortSignal) => fetchJson("/api/budget", budgetAnswerSchema, { signal }),
};
