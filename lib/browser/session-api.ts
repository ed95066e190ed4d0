import { AppError, isAppError } from "@/lib/errors";
import { fetchJson } from "./fetcher";
import { sessionView } from "./session-store";

const JSON_HEADERS = { "content-type": "application/json" };

/** A failed sign-in or sign-out as the one error type the forms show. */
export const asAppError = (error: unknown) => (isAppError(error) ? error : new AppError("internal", String(error)));

/**
 * Signing in and out, and what the owner may see: the playground's `/api/session` and `/api/budget`.
 * Loaded with the first of them; the question every page asks (who is looking) is the store's own.
 */
export const sessionApi = {
  signIn: (token: string) =>
    fetchJson("/api/session", sessionView, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ token }) }),

  signOut: () => fetchJson("/api/session", sessionView, { method: "DELETE", headers: JSON_HEADERS }),

  /** Ends every session the owner has, on every browser, this one included. */
  signOutEverywhere: () => fetchJson("/api/session/all", sessionView, { method: "DELETE", headers: JSON_HEADERS }),

  budget: (signal?: AbortSignal) => fetchJson("/api/budget", "budget", { signal }),
};
