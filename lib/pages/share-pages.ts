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

/** The base URL back from its segment; undefined unless it is an http(s) origin. */
export function baseUrlFromSegment(segment: string): string | undefined {
  const text = Buffer.from(segment, "base64url").toString("utf8");
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === text ? text : undefined;
  } catch {
    return undefined;
  }
}

export const cachedSharePath = (id: string, baseUrl: string) => `/p/${encodeURIComponent(id)}/for/${originSegment(baseUrl)}`;

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

/**
 * The plan for one page request. `status` looks a run up (undefined when there is none); only a
 * share page asks. Requests to the cached route itself come only from the proxy's rewrite.
 */
export async function planPage(
  pathname: string,
  baseUrl: string,
  status: (id: string) => Promise<PredictionStatus | undefined>,
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
  const current = await status(id);
  if (!current || !isTerminal(current)) return { kind: "per-request", cacheControl: LIVE_PAGE_CONTROL };
  return { kind: "cached", path: cachedSharePath(id, baseUrl), cacheControl: CACHED_PAGE_CONTROL };
}
