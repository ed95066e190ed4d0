import { describe, expect, it } from "vitest";
import type { PredictionStatus } from "../domain";
import {
  baseUrlFromSegment,
  CACHED_PAGE_CONTROL,
  cachedSharePath,
  LIVE_PAGE_CONTROL,
  originSegment,
  planPage,
  REWRITE_TOKEN,
} from "./share-pages";

const BASE = "https://kontext.example";
const statuses: Record<string, PredictionStatus> = { done: "completed", broke: "failed", busy: "processing" };
const plan = (pathname: string, token?: string) => planPage(pathname, BASE, async (id) => statuses[id], token);

describe("planPage", () => {
  it("sends a finished run's page to its cached copy for this origin, with CDN headers", async () => {
    for (const id of ["done", "broke"])
      expect(await plan(`/p/${id}`)).toEqual({
        kind: "cached",
        path: cachedSharePath(id, BASE),
        cacheControl: CACHED_PAGE_CONTROL,
      });
  });

  it("renders a run in progress, or an id that is not there, per request and uncached", async () => {
    expect(await plan("/p/busy")).toEqual({ kind: "per-request", cacheControl: LIVE_PAGE_CONTROL });
    expect(await plan("/p/missing")).toEqual({ kind: "per-request", cacheControl: LIVE_PAGE_CONTROL });
  });

  it("leaves other pages alone", async () => {
    expect(await plan("/history")).toEqual({ kind: "per-request" });
    expect(await plan("/p/done/extra")).toEqual({ kind: "per-request" });
  });

  it("lets only its own rewrite reach the cached route", async () => {
    const cached = cachedSharePath("done", BASE);
    expect(await plan(cached)).toEqual({ kind: "not-found" });
    expect(await plan(cached, "guessed")).toEqual({ kind: "not-found" });
    expect(await plan(cached, REWRITE_TOKEN)).toEqual({ kind: "rewritten" });
    expect(await plan("/not-found", REWRITE_TOKEN)).toEqual({ kind: "rewritten" });
  });
});

describe("origin segments", () => {
  it("round-trip an http(s) origin and refuse anything else", () => {
    expect(baseUrlFromSegment(originSegment(BASE))).toBe(BASE);
    expect(baseUrlFromSegment(originSegment("javascript:alert(1)"))).toBeUndefined();
    expect(baseUrlFromSegment(originSegment(`${BASE}/path`))).toBeUndefined();
  });
});
