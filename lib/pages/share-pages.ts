import { isTerminal, type PredictionStatus } from "../domain";

/**
 * Which share pages are rendered once and served to everyone from Next's cache.
 *
 * A finished run's page (`/p/{id}`, an incrementally regenerated route) is the same HTML for every
 * viewer who reaches the site at its own address (`siteUrl`), so it is served from the cache at that
 * path. A run still in progress, an id that is not there, or a view under another address (links
 * name the address used) is rendered for the request at `/p/{id}/live`, to which the proxy rewrites.
 */
const SHARE_PAGE = /^\/p\/([^/]+)(\/live)?$/;

/** How a CDN in front may keep a finished run's page: a minute fresh, then a day while it asks again. */
export const CACHED_PAGE_CONTROL = "public, s-maxage=60, stale-while-revalidate=86400";
/** A page that changes by itself (a run in progress) or must not outlive a delete; and every error. */
export const LIVE_PAGE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";

export type PagePlan =
  /** Served from Next's cache, with the policy and Cache-Control stored beside it (cache-handler.ts). */
  | { kind: "cached" }
  /** Rendered for this request at `path`, with a nonce, never stored. */
  | { kind: "live"; path: string };

/** What the plan needs of a run: whether it has finished. */
export type RunState = { status: PredictionStatus };

/**
 * The plan for a GET of a share page; undefined for any other path. `lookup` finds the run (undefined
 * when there is none); `cacheable`: the request's links would be built on the site's own address.
 */
export async function planPage(
  pathname: string,
  cacheable: boolean,
  lookup: (id: string) => Promise<RunState | undefined>,
): Promise<PagePlan | undefined> {
  const match = SHARE_PAGE.exec(pathname);
  if (!match) return undefined;
  const live: PagePlan = { kind: "live", path: `/p/${match[1]}/live` };
  if (match[2] || !cacheable) return live;
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return live;
  }
  const current = await lookup(id);
  return current && isTerminal(current.status) ? { kind: "cached" } : live;
}

/** The run a cached share page shows, from Next's key for it (`…/$/p/{id}`); undefined for any other page. */
export function sharePageRun(cacheKey: string): string | undefined {
  const match = /\$\/p\/([^/]+)$/.exec(cacheKey);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}
