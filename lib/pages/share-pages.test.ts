import { describe, expect, it } from "vitest";
import type { PredictionStatus } from "../domain";
import { planPage, sharePageRun } from "./share-pages";

const statuses: Record<string, PredictionStatus> = { done: "completed", broke: "failed", busy: "processing" };
const runs = new Map(Object.entries(statuses).map(([id, status]) => [id, { status }]));
const plan = (pathname: string, cacheable = true) => planPage(pathname, cacheable, async (id) => runs.get(id));

describe("planPage", () => {
  it("serves a finished run's page from the cache, when its links are the site's own", async () => {
    for (const id of ["done", "broke"]) expect(await plan(`/p/${id}`)).toEqual({ kind: "cached" });
    expect(await plan("/p/done", false)).toEqual({ kind: "live", path: "/p/done/live" });
  });

  it("renders a run in progress, or an id that is not there, per request", async () => {
    expect(await plan("/p/busy")).toEqual({ kind: "live", path: "/p/busy/live" });
    expect(await plan("/p/missing")).toEqual({ kind: "live", path: "/p/missing/live" });
    expect(await plan("/p/%E0%A4%A")).toEqual({ kind: "live", path: "/p/%E0%A4%A/live" });
    // Asked for by its own path, the per-request page stays one.
    expect(await plan("/p/done/live")).toEqual({ kind: "live", path: "/p/done/live" });
  });

  it("leaves other pages alone", async () => {
    expect(await plan("/history")).toBeUndefined();
    expect(await plan("/p/done/extra")).toBeUndefined();
  });
});

describe("sharePageRun", () => {
  it("names the run of a share page's cache key, and nothing for any other page", () => {
    expect(sharePageRun("/route-cache/APP_PAGE/0f3a/$/p/abc123")).toBe("abc123");
    expect(sharePageRun("/route-cache/APP_PAGE/0f3a/$/p/a%20b")).toBe("a b");
    expect(sharePageRun("/route-cache/APP_PAGE/0f3a/$/p/abc123/live")).toBeUndefined();
    expect(sharePageRun("/route-cache/APP_PAGE/0f3a/$/history")).toBeUndefined();
    expect(sharePageRun("/route-cache/APP_PAGE/0f3a/$/p/%E0%A4%A")).toBeUndefined();
  });
});
