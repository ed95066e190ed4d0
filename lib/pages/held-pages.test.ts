import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { HELD_PAGE_HEADER, HeldPages, heldAnswer } from "./held-pages";
import { cachedSharePath, predictionTag } from "./share-pages";

const BASE = "https://kontext.example";
const path = (id: string, updatedAt = "2026-12-01T10:00:00.000Z") => cachedSharePath(id, BASE, updatedAt);
const html = Buffer.from("<!DOCTYPE html><html><body>a lighthouse</body></html>");
const sent = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": "script-src 'self' 'sha256-abc'",
  etag: '"e1"',
  vary: "rsc, Accept-Encoding",
  "x-middleware-rewrite": "http://localhost/p/a/for/b",
  "x-nextjs-cache": "MISS",
  "set-cookie": "a=b",
  "cache-control": "s-maxage=60",
  "content-length": "52",
};

function holding(...ids: string[]) {
  const pages = new HeldPages();
  for (const id of ids) pages.hold(path(id), { status: 200, headers: sent, html });
  return pages;
}

describe("HeldPages", () => {
  it("keeps a whole 200 HTML answer with the page's own headers, never Next's routing, cookies or framing", () => {
    const page = holding("a").find(path("a"))!;
    expect(Object.fromEntries(page.headers)).toEqual({
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "script-src 'self' 'sha256-abc'",
      etag: '"e1"',
      vary: "rsc, Accept-Encoding",
    });
    expect(page.body.equals(html)).toBe(true);
    expect(zlib.gunzipSync(page.gzipped).equals(html)).toBe(true);
    expect(page.tag).toBe(predictionTag("a"));
  });

  it("passes over anything but a 200 HTML page at a cached share page's path", () => {
    const pages = new HeldPages();
    pages.hold(path("a"), { status: 404, headers: sent, html });
    pages.hold(path("b"), { status: 200, headers: { ...sent, "content-type": "text/x-component" }, html });
    pages.hold(path("c"), { status: 200, headers: sent, html: Buffer.alloc(0) });
    pages.hold("/p/d", { status: 200, headers: sent, html });
    expect(pages.size).toBe(0);
  });

  it("keeps each edition apart, and forgets every edition of a run whose tag is revalidated", () => {
    const pages = holding("a", "b");
    pages.hold(path("a", "2026-12-01T10:00:05.000Z"), { status: 200, headers: sent, html });
    expect(pages.size).toBe(3);
    pages.forget([predictionTag("a")]);
    expect(pages.find(path("a"))).toBeUndefined();
    expect(pages.find(path("a", "2026-12-01T10:00:05.000Z"))).toBeUndefined();
    expect(pages.find(path("b"))).toBeDefined();
  });
});

describe("heldAnswer", () => {
  const page = holding("a").find(path("a"))!;

  it("answers the HTML with its length, marked as held", () => {
    const answer = heldAnswer(page, { method: "GET", headers: {} });
    const headers = Object.fromEntries(answer.headers);
    expect([answer.status, headers[HELD_PAGE_HEADER], headers["content-length"]]).toEqual([200, "HIT", String(html.length)]);
    expect(headers["content-encoding"]).toBeUndefined();
    expect(answer.body?.equals(html)).toBe(true);
  });

  it("sends the gzipped copy to a client that takes gzip, and the plain one to one that refuses it", () => {
    const zipped = heldAnswer(page, { method: "GET", headers: { "accept-encoding": "br, gzip, deflate" } });
    expect(Object.fromEntries(zipped.headers)["content-encoding"]).toBe("gzip");
    expect(zipped.body).toBe(page.gzipped);
    const refused = heldAnswer(page, { method: "GET", headers: { "accept-encoding": "gzip;q=0, br" } });
    expect(refused.body).toBe(page.body);
  });

  it("answers 304 to the ETag the client has, and the page to any other", () => {
    const unchanged = heldAnswer(page, { method: "GET", headers: { "if-none-match": '"old", "e1"' } });
    expect([unchanged.status, unchanged.body]).toEqual([304, undefined]);
    expect(heldAnswer(page, { method: "GET", headers: { "if-none-match": '"old"' } }).status).toBe(200);
  });

  it("answers HEAD with the headers alone", () => {
    const answer = heldAnswer(page, { method: "HEAD", headers: {} });
    expect([answer.status, answer.body]).toEqual([200, undefined]);
    expect(Object.fromEntries(answer.headers)["content-length"]).toBe(String(html.length));
  });
});
