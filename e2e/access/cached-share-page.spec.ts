import { expect, test } from "@playwright/test";
import { rawRequest } from "@/testing/http-client";
import { SharePage } from "../pages/share-page";
import { ACCESS_URL, OWNER, ownerPrediction } from "./api-client";
import { watchCsp } from "./csp-watch";
import { expectSecurityHeaders } from "./security-headers";

const CACHED = "public, s-maxage=60, stale-while-revalidate=86400";
const NEXT_CACHE = "x-nextjs-cache";

/**
 * A finished run's share page is rendered once and then served from Next's cache to every viewer
 * (the viral case): the same answer each time, through the same gate, with its own policy.
 */
test("a finished run's page is served from the cache: the same bytes and headers, and the same gate", async () => {
  const run = await ownerPrediction(`A lantern on a jetty ${Date.now().toString(36)}`);
  const path = `${ACCESS_URL}/p/${run.id}`;
  const rendered = await rawRequest(path);
  expect([rendered.status, rendered.headers[NEXT_CACHE]]).toEqual([200, "MISS"]);
  // The page's own policy, on its first answer too: made when Next stored it.
  expectSecurityHeaders(rendered, "a share page as it is rendered", "hashed");

  const cached = await rawRequest(path);
  expect([cached.status, cached.headers[NEXT_CACHE]]).toEqual([200, "HIT"]);
  expect(cached.body).toBe(rendered.body);
  expectSecurityHeaders(cached, "a cached share page", "hashed");
  expect(cached.headers["content-security-policy"]).toBe(rendered.headers["content-security-policy"]);
  expect(cached.headers["cache-control"]).toBe(CACHED);
  expect(cached.headers.etag).toBe(rendered.headers.etag);
  expect(cached.headers.vary).toContain("Accept-Encoding");

  // Answered 304 by its ETag, with the page's policy; gzipped for those that take it; HEAD without a body.
  const unchanged = await rawRequest(path, { headers: { "if-none-match": cached.headers.etag! } });
  expect([unchanged.status, unchanged.body]).toEqual([304, ""]);
  expect(unchanged.headers["content-security-policy"]).toBe(rendered.headers["content-security-policy"]);
  const zipped = await fetch(path, { headers: { "accept-encoding": "gzip" } });
  expect([zipped.headers.get("content-encoding"), zipped.headers.get(NEXT_CACHE)]).toEqual(["gzip", "HIT"]);
  expect(await zipped.text()).toBe(rendered.body);
  const head = await rawRequest(path, { method: "HEAD" });
  expect([head.status, head.body]).toEqual([200, ""]);

  // The gate still stands in front of it: another host is refused, and the refusal is never cached.
  const foreign = await rawRequest(path, { headers: { host: "evil.example" } });
  expect(foreign.status).toBe(421);
  expect(foreign.headers["cache-control"]).toBe("no-store");

  // The owner (a token) and a client-side navigation are served from the same cache.
  const owner = await rawRequest(path, { headers: OWNER });
  expect([owner.status, owner.headers[NEXT_CACHE]]).toEqual([200, "HIT"]);
  // Next first sends flight requests to the address it marks with `_rsc`.
  const marked = (await rawRequest(path, { headers: { rsc: "1" } })).headers.location!;
  const navigation = await rawRequest(ACCESS_URL + marked, { headers: { rsc: "1" } });
  expect([navigation.status, navigation.headers[NEXT_CACHE]]).toEqual([200, "HIT"]);

  // A note renders the page again on its next view, then it is cached again. A delete takes it down at once.
  const noted = await rawRequest(`${ACCESS_URL}/api/predictions/${run.id}`, {
    method: "PATCH",
    headers: { ...OWNER, "content-type": "application/json" },
    body: JSON.stringify({ note: "seen from the jetty" }),
  });
  expect(noted.status).toBe(200);
  const afterNote = await rawRequest(path);
  expect([afterNote.status, afterNote.headers[NEXT_CACHE]]).toEqual([200, "MISS"]);
  expect(afterNote.body).toContain("seen from the jetty");
  expect((await rawRequest(path)).headers[NEXT_CACHE]).toBe("HIT");
  const deleted = await rawRequest(`${ACCESS_URL}/api/predictions/${run.id}`, { method: "DELETE", headers: OWNER });
  expect(deleted.status).toBe(204);
  const gone = await rawRequest(path);
  expect([gone.status, gone.headers[NEXT_CACHE]]).toEqual([404, undefined]);
  expect(gone.headers["cache-control"]).toContain("no-store");
});

test("asked under another of the server's names, the page is rendered for that name, per request", async () => {
  const run = await ownerPrediction(`A tide pool ${Date.now().toString(36)}`);
  const page = await rawRequest(`${ACCESS_URL}/p/${run.id}`, { headers: { host: `localhost:${new URL(ACCESS_URL).port}` } });
  expect(page.status).toBe(200);
  expect(page.headers[NEXT_CACHE]).toBeUndefined();
  expect(page.headers["cache-control"]).toContain("no-store");
  expectSecurityHeaders(page, "a share page under another name", "nonce");
  expect(page.body).toContain(`http://localhost:${new URL(ACCESS_URL).port}/p/${run.id}`);
  expect(page.body).not.toContain(`${ACCESS_URL}/p/`);
});

test("a guest's browser runs the cached page under the policy it came with, and the page works", async ({ browser, baseURL }) => {
  const run = await ownerPrediction(`A kite over dunes ${Date.now().toString(36)}`);
  await rawRequest(`${ACCESS_URL}/p/${run.id}`);
  const guest = await browser.newContext({ baseURL, permissions: ["clipboard-read", "clipboard-write"] });
  const violations = await watchCsp(guest);
  try {
    const page = await guest.newPage();
    const answer = await page.goto(`/p/${run.id}`);
    expect(answer?.headers()[NEXT_CACHE]).toBe("HIT");
    expect(answer?.headers()["content-encoding"]).toBe("gzip");
    const share = new SharePage(page);
    await expect(share.prompt).toHaveText(run.input.prompt);
    await expect(share.images.first()).toHaveJSProperty("naturalWidth", 1024);
    // Shown once the page's scripts ran and asked who is looking.
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    // Interactive: Copy share link puts the link, on this server's address, on the clipboard.
    await share.copyLink.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${ACCESS_URL}/p/${run.id}`);
    expect(violations).toEqual([]);
  } finally {
    await guest.close();
  }
});
