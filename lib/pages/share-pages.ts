import { randomBytes } from "node:crypto";
import { isTerminal, type PredictionStatus } from "../domain";

/**
 * Which share pages are rendered once and served to everyone, and where that cached copy lives.
 *
 * A finished run's page (`/p/{id}`) is the same HTML for every viewer, so the proxy rewrites it to
 * `/p/{id}/for/{origin}`, an incrementally regenerated route (ISR) whose cache key carries the base
 * URL its links are built from; a run still in progress, or an id that is not there, stays on the
 * per-request route `/p/{id}`.
 */
export const SHARE_PAGE = /^\/p\/([^/]+)$/;
const CACHED_SHARE_PAGE = /^\/p\/[^/]+\/for(\/.*)?$/;

/** How a CDN in front may keep a finished run's page: a minute fresh, then a day while it asks again. */
export const CACHED_PAGE_CONTROL = "public, s-maxage=60, stale-while-revalidate=86400";
/** A page that changes by itself (a run in progress) or must not outlive a delete. */
export const LIVE_PAGE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";

/** How long a cached share page is kept before it is rendered again anyway (a child run finishing in the background). */
export const SHARE_PAGE_REVALIDATE_S = 60;

/** The tag a run's cached pages and data carry; revalidating it renders them again on their next view. */
export const predictionTag = (id: string) => `prediction:${id}`;

/** The base URL as one path segment (base64url), so every host a page is built for has its own cached copy. */
export const originSegment = (baseUrl: string) => Buffer.from(baseUrl, "utf8").toString("base64url");

/**
 * A run's edition: its last change (`updatedAt`) in a few characters. It is part of the cached path,
 * so a change made through any instance (a star, a note) sends every instance to a new cached copy:
 * they share the database the proxy reads, not their page caches.
 */
export const editionOf = (updatedAt: string) => (Date.parse(updatedAt) || 0).toString(36);

/** The base URL back from its segment (`{origin}~{edition}`); undefined unless it is an http(s) origin. */
export function baseUrlFromSegment(segment: string): string | undefined {
  const text = Buffer.from(segment.split("~")[0]!, "base64url").toString("utf8");
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === text ? text : undefined;
  } catch {
    return undefined;
  }
}

export const cachedSharePath = (id: string, baseUrl: string, updatedAt: string) =>
  `/p/${encodeURIComponent(id)}/for/${originSegment(baseUrl)}~${editionOf(updatedAt)}`;

/**
 * The proxy runs again for the path it rewrote to. The rewrite carries this header with a secret of
 * this process, so the second pass can tell its own rewrite from a client asking for the cached
 * route directly (which is a 404).
 */
export const REWRITE_HEADER = "x-kontext-share-rewrite";
export const REWRITE_TOKEN = randomBytes(16).toString("base64url");

export type PagePlan =
  /** Rendered for this request, with a nonce. */
  | { kind: "per-request"; cacheControl?: string }
  /** Served from the cache at `path`; its inline scripts are allowed by hash, not by nonce. */
  | { kind: "cached"; path: string; cacheControl: string }
  /** A path only the proxy may route to. */
  | { kind: "not-found" }
  /** The proxy's own rewrite, arriving at the cached route: decided already. */
  | { kind: "rewritten" };

/** What the plan needs of a run: whether it has finished, and when it last changed. */
export type RunState = { status: PredictionStatus; updatedAt: string };

/**
 * The plan for one page request. `lookup` finds a run (undefined when there is none); only a
 * share page asks. Requests to the cached route itself come only from the proxy's rewrite.
 */
export async function planPage(
  pathname: string,
  baseUrl: string,
  lookup: (id: string) => Promise<RunState | undefined>,
  rewriteToken?: string | null,
): Promise<PagePlan> {
  if (rewriteToken === REWRITE_TOKEN) return { kind: "rewritten" };
  if (CACHED_SHARE_PAGE.test(pathname)) return { kind: "not-found" };
  const match = SHARE_PAGE.exec(pathname);
  if (!match) return { kind: "per-request" };
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return { kind: "per-request", cacheControl: LIVE_PAGE_CONTROL };
  }
  const current = await lookup(id);
  if (!current || !isTerminal(current.status)) return { kind: "per-request", cacheControl: LIVE_PAGE_CONTROL };
  return { kind: "cached", path: cachedSharePath(id, baseUrl, current.updatedAt), cacheControl: CACHED_PAGE_CONTROL };
}
