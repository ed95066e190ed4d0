import fs from "node:fs";
import path from "node:path";
import { LRUCache } from "lru-cache";
import type { CacheHandler, CacheHandlerContext, CacheHandlerValue } from "next/dist/server/lib/incremental-cache";
import type { IncrementalCachedAppPageValue, IncrementalCacheValue } from "next/dist/server/response-cache";
import { contentSecurityPolicy } from "../access/security-headers";
import { getEnv } from "../env";
import { servesHttps, siteUrl } from "../http/base-url";
import { inlineScriptHashes } from "../http/script-hashes";
import { log } from "../log";
import { openPageStore } from "./open-page-store";
import type { PageStore } from "./page-store";
import { CACHED_PAGE_CONTROL, LIVE_PAGE_CONTROL, sharePageRun } from "./share-pages";

// What else Next keeps (the 404 page and the few pages without parameters, rendered once): in this
// process, as Next's own handler keeps them. Share pages go to the store every instance shares.
const others = new LRUCache<string, CacheHandlerValue>({ max: 500 });
let store: PageStore | undefined;
const pages = () => (store ??= openPageStore(getEnv()));
// The pages this process read or kept last, as they are in the store: each view asks the store which
// version is there (a small read), and reads and decodes the page only when it is another one.
const recent = new LRUCache<string, { version: string; page: CacheHandlerValue }>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: ({ page }) => (isAppPage(page.value) ? page.value.html.length + (page.value.rscData?.length ?? 0) : 1),
});

/**
 * Next's incremental cache handler: where a finished run's share page is kept once rendered.
 *
 * When Next stores a page, its HTML is final: the hashes of its inline scripts go into the
 * page's Content-Security-Policy, stored with it among the headers Next sends with every answer of
 * the page (the proxy sends no policy of its own for it), with the CDN lifetime beside it. So the
 * same HTML for everyone keeps a strict policy without a nonce. Only a 200 is kept; any other
 * status is sent with `no-store` and rendered again next time.
 */
export class PageCacheHandler implements CacheHandler {
  private readonly buildId: string;

  constructor(context: CacheHandlerContext) {
    this.buildId = buildIdOf(context.serverDistDir);
  }

  /**
   * A page's scripts and styles are the files of the build that rendered it, and its links name the
   * site it was rendered for: a copy is shared by the instances that run one build for one site, and
   * a new build renders its own (the old build's copies go with their lifetime).
   */
  private storeKey(key: string) {
    return `${this.buildId} ${siteUrl()} ${key}`;
  }

  async get(key: string, context: Parameters<CacheHandler["get"]>[1]): Promise<CacheHandlerValue | null> {
    const runId = sharePageRun(key);
    if (!runId || String(context.kind) !== "APP_PAGE") return others.get(key) ?? null;
    try {
      const at = this.storeKey(key);
      const version = await pages().version(at);
      if (!version) return null;
      const known = recent.get(at);
      if (known?.version === version) return known.page;
      const stored = await pages().get(at);
      if (!stored) return null;
      const page = { lastModified: stored.storedAt, value: fromBody(stored.body), cacheControl: stored.cacheControl };
      recent.set(at, { version: stored.version, page });
      return page;
    } catch (error) {
      log.warn("a cached share page could not be read; it is rendered again", { error: String(error) });
      return null;
    }
  }

  async set(key: string, data: IncrementalCacheValue | null, context: Parameters<CacheHandler["set"]>[2]) {
    const runId = sharePageRun(key);
    const cacheControl = "cacheControl" in context ? context.cacheControl : undefined;
    if (!runId || !isAppPage(data)) {
      others.set(key, { lastModified: Date.now(), value: data, cacheControl });
      return;
    }
    const kept = (data.status ?? 200) === 200;
    data.headers = {
      ...data.headers,
      "content-security-policy": policyFor(data.html),
      "cache-control": kept ? CACHED_PAGE_CONTROL : LIVE_PAGE_CONTROL,
    };
    if (!kept) return;
    try {
      const at = this.storeKey(key);
      const storedAt = Date.now();
      const version = await pages().put(at, runId, { body: toBody(data), storedAt, cacheControl });
      recent.set(at, { version, page: { lastModified: storedAt, value: data, cacheControl } });
    } catch (error) {
      log.warn("a share page could not be cached; it is rendered again next time", { error: String(error) });
    }
  }

  /** Share pages are forgotten by run as they change (page-revalidation.ts), not by Next's tags. */
  async revalidateTag(): Promise<void> {}

  resetRequestCache(): void {}
}

// Next makes a cache handler for every request: each build's id is read from disk once.
const buildIds = new Map<string | undefined, string>();

/** The id `next build` wrote beside the server's files (`.next/BUILD_ID`); `next start` always names that folder. */
function buildIdOf(serverDistDir: string | undefined): string {
  let id = buildIds.get(serverDistDir);
  if (id === undefined) {
    id = readBuildId(serverDistDir);
    buildIds.set(serverDistDir, id);
  }
  return id;
}

function readBuildId(serverDistDir: string | undefined): string {
  if (!serverDistDir) {
    log.warn("the page cache was not told the build's folder; cached share pages are not told apart by build");
    return "";
  }
  return fs.readFileSync(path.join(serverDistDir, "..", "BUILD_ID"), "utf8").trim();
}

const isAppPage = (data: IncrementalCacheValue | null): data is IncrementalCachedAppPageValue =>
  String(data?.kind) === "APP_PAGE";

/** The page's own policy: scripts from this site, and its inline scripts by their hashes. */
const policyFor = (html: string) =>
  contentSecurityPolicy({
    scripts: { kind: "hashed", hashes: inlineScriptHashes(html) },
    https: servesHttps(),
    development: false,
  });

type Body = Omit<IncrementalCachedAppPageValue, "rscData" | "segmentData"> & {
  rscData?: string;
  segmentData?: [string, string][];
};

function toBody(value: IncrementalCachedAppPageValue): string {
  const { rscData, segmentData, ...rest } = value;
  const segments = segmentData && [...segmentData].map(([name, data]): [string, string] => [name, data.toString("base64")]);
  return JSON.stringify({ ...rest, rscData: rscData?.toString("base64"), segmentData: segments } satisfies Body);
}

function fromBody(body: string): IncrementalCachedAppPageValue {
  const { rscData, segmentData, ...rest } = JSON.parse(body) as Body;
  return {
    ...rest,
    rscData: rscData === undefined ? undefined : Buffer.from(rscData, "base64"),
    segmentData: segmentData && new Map(segmentData.map(([name, data]) => [name, Buffer.from(data, "base64")])),
  };
}
