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
const CHANGED = "2026-12-01T10:00:00.000Z";
const statuses: Record<string, PredictionStatus> = { done: "completed", broke: "failed", busy: "processing" };
const runs = new Map(Object.entries(statuses).map(([id, status]) => [id, { status, updatedAt: CHANGED }]));
const plan = (pathname: string, token?: string) => planPage(pathname, BASE, async (id) => runs.get(id), token);

describe("planPage", () => {
  it("sends a finished run's page to its cached copy for this origin, with CDN headers", async () => {
    for (const id of ["done", "broke"])
      expect(await plan(`/p/${id}`)).toEqual({
        kind: "cached",
        path: cachedSharePath(id, BASE, CHANGED),
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
    const cached = cachedSharePath("done", BASE, CHANGED);
    expect(await plan(cached)).toEqual({ kind: "not-found" });
    expect(await plan(cached, "guessed")).toEqual({ kind: "not-found" });
    expect(await plan(cached, REWRITE_TOKEN)).toEqual({ kind: "rewritten" });
    expect(await plan("/not-found", REWRITE_TOKEN)).toEqual({ kind: "rewritten" });
  });
});

describe("origin segments", () => {
  it("carry the run's edition: a later change is another cached copy, the origin read back the same", async () => {
    const before = cachedSharePath("done", BASE, CHANGED);
    const after = cachedSharePath("done", BASE, "2026-12-01T10:00:05.000Z");
    expect(after).not.toBe(before);
    expect(baseUrlFromSegment(after.split("/").at(-1)!)).toBe(BASE);
  });

  it("round-trip an http(s) origin and refuse anything else", () => {
    expect(baseUrlFromSegment(originSegment(BASE))).toBe(BASE);
    expect(baseUrlFromSegment(originSegment("javascript:alert(1)"))).toBeUndefined();
    expect(baseUrlFromSegment(originSegment(`${BASE}/path`))).toBeUndefined();
  });
});
