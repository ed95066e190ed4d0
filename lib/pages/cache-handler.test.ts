import fs from "node:fs";
import path from "node:path";
import type { CacheHandlerContext } from "next/dist/server/lib/incremental-cache";
import type { IncrementalCacheValue } from "next/dist/server/response-cache";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { tempDir } from "@/testing/harness";
import type { PageCacheHandler } from "./cache-handler";

const KEY = "/route-cache/APP_PAGE/0f3a/$/p/run-1";
const READ = { kind: "APP_PAGE" } as unknown as Parameters<PageCacheHandler["get"]>[1];

/** The folder `next start` names to the cache handler: the build's `server/`, with `BUILD_ID` beside it. */
function buildFolder(buildId: string): CacheHandlerContext {
  const dist = tempDir();
  fs.mkdirSync(path.join(dist, "server"));
  fs.writeFileSync(path.join(dist, "BUILD_ID"), buildId);
  return { serverDistDir: path.join(dist, "server"), revalidatedTags: [], _requestHeaders: {} };
}

const page = (html: string, status = 200) =>
  ({
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from("rsc"),
    headers: {},
    postponed: undefined,
    status,
    segmentData: undefined,
  }) as unknown as IncrementalCacheValue;

describe("the share-page cache handler", () => {
  let Handler: typeof PageCacheHandler;
  beforeAll(async () => {
    // The handler opens the page store of the environment, read once: a data folder of this test's own.
    vi.stubEnv("DATA_DIR", tempDir());
    // The module Next loads by path (next.config.ts `cacheHandler`).
    ({ default: Handler } = await import("./cache-handler.mjs"));
  });

  it("serves a kept page to every handler of the same build, with its policy and CDN lifetime", async () => {
    const context = buildFolder("build-a");
    await new Handler(context).set(KEY, page("<p>kept</p>"), { cacheControl: { revalidate: 60, expire: 86_460 } } as never);

    const read = await new Handler(context).get(KEY, READ);
    expect(read?.value).toMatchObject({
      kind: "APP_PAGE",
      html: "<p>kept</p>",
      headers: {
        "content-security-policy": expect.stringContaining("script-src"),
        "cache-control": expect.stringContaining("s-maxage=60"),
      },
    });
  });

  it("keeps no error: a 404 or a 500 goes out no-store, and the next request renders the page again", async () => {
    const context = buildFolder("build-errors");
    for (const status of [404, 500]) {
      const key = `/route-cache/APP_PAGE/0f3a/$/p/run-${status}`;
      const rendered = page(`<p>${status}</p>`, status);
      await new Handler(context).set(key, rendered, { cacheControl: { revalidate: 60, expire: 86_460 } } as never);

      expect((rendered as { headers: Record<string, string> }).headers["cache-control"], String(status)).toMatch(
        /(^|, )no-store(,|$)/,
      );
      expect(await new Handler(context).get(key, READ), String(status)).toBeNull();
    }
  });

  it("never serves a page rendered by another build, whose scripts and styles the new build does not have", async () => {
    await new Handler(buildFolder("build-old")).set(KEY, page("<p>old</p>"), {
      cacheControl: { revalidate: 60, expire: 86_460 },
    } as never);

    expect(await new Handler(buildFolder("build-new")).get(KEY, READ)).toBeNull();
  });
});
