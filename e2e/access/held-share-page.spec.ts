import { expect, test } from "@playwright/test";
import { rawRequest } from "@/testing/http-client";
import { SharePage } from "../pages/share-page";
import { ACCESS_URL, OWNER, ownerPrediction } from "./api-client";
import { watchCsp } from "./csp-watch";
import { expectSecurityHeaders } from "./security-headers";

const CACHED = "public, s-maxage=60, stale-while-revalidate=86400";
const HELD = "x-kontext-page-cache";

/**
 * A finished run's share page, once Next has rendered it, is answered to anonymous viewers from the
 * page it sent, before Next: the viral case. It must be the same answer, through the same gate.
 */
test("an anonymous view is answered from the held page: the same bytes and headers, and the same gate", async () => {
  const run = await ownerPrediction(`A lantern on a jetty ${Date.now().toString(36)}`);
  const path = `${ACCESS_URL}/p/${run.id}`;
  const rendered = await rawRequest(path);
  expect(rendered.status).toBe(200);
  expect(rendered.headers[HELD]).toBeUndefined();

  const held = await rawRequest(path);
  expect(held.status).toBe(200);
  expect(held.headers[HELD]).toBe("HIT");
  expect(held.body).toBe(rendered.body);
  expectSecurityHeaders(held, "a held share page", "hashed");
  expect(held.headers["content-security-policy"]).toBe(rendered.headers["content-security-policy"]);
  expect(held.headers["cache-control"]).toBe(CACHED);
  expect(held.headers.etag).toBe(rendered.headers.etag);
  expect(held.headers.vary).toContain("Accept-Encoding");

  // Answered 304 by its ETag, with the page's policy; gzipped once for those that take it; HEAD without a body.
  const unchanged = await rawRequest(path, { headers: { "if-none-match": held.headers.etag! } });
  expect([unchanged.status, unchanged.headers[HELD], unchanged.body]).toEqual([304, "HIT", ""]);
  expect(unchanged.headers["content-security-policy"]).toBe(rendered.headers["content-security-policy"]);
  const zipped = await fetch(path, { headers: { "accept-encoding": "gzip" } });
  expect([zipped.headers.get("content-encoding"), zipped.headers.get(HELD)]).toEqual(["gzip", "HIT"]);
  expect(await zipped.text()).toBe(rendered.body);
  const head = await rawRequest(path, { method: "HEAD" });
  expect([head.status, head.headers[HELD], head.body]).toEqual([200, "HIT", ""]);
  expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(rendered.body)));

  // The gate still stands in front of it: another host is refused.
  const foreign = await rawRequest(path, { headers: { host: "evil.example" } });
  expect(foreign.status).toBe(421);

  // The owner (a token, a session) and a client-side navigation go on to Next, which has the page cached.
  const owner = await rawRequest(path, { headers: OWNER });
  expect([owner.status, owner.headers[HELD], owner.headers["x-nextjs-cache"]]).toEqual([200, undefined, "HIT"]);
  const navigation = await rawRequest(path, { headers: { rsc: "1" } });
  expect(navigation.headers[HELD]).toBeUndefined();

  // A note makes another edition: rendered again, then held again. A delete takes it down at once.
  const noted = await rawRequest(`${ACCESS_URL}/api/predictions/${run.id}`, {
    method: "PATCH",
    headers: { ...OWNER, "content-type": "application/json" },
    body: JSON.stringify({ note: "seen from the jetty" }),
  });
  expect(noted.status).toBe(200);
  const afterNote = await rawRequest(path);
  expect([afterNote.status, afterNote.headers[HELD]]).toEqual([200, undefined]);
  expect(afterNote.body).toContain("seen from the jetty");
  expect((await rawRequest(path)).headers[HELD]).toBe("HIT");
  const deleted = await rawRequest(`${ACCESS_URL}/api/predictions/${run.id}`, { method: "DELETE", headers: OWNER });
  expect(deleted.status).toBe(204);
  const gone = await rawRequest(path);
  expect([gone.status, gone.headers[HELD]]).toEqual([404, undefined]);
  expect(gone.headers["cache-control"]).toContain("no-store");
});

test("a guest's browser runs the held page under the policy it came with", async ({ browser, baseURL }) => {
  const run = await ownerPrediction(`A kite over dunes ${Date.now().toString(36)}`);
  await rawRequest(`${ACCESS_URL}/p/${run.id}`);
  const guest = await browser.newContext({ baseURL });
  const violations = await watchCsp(guest);
  try {
    const page = await guest.newPage();
    const answer = await page.goto(`/p/${run.id}`);
    expect(answer?.headers()[HELD]).toBe("HIT");
    expect(answer?.headers()["content-encoding"]).toBe("gzip");
    const share = new SharePage(page);
    await expect(share.prompt).toHaveText(run.input.prompt);
    await expect(share.images.first()).toHaveJSProperty("naturalWidth", 1024);
    // Shown once the page's scripts ran and asked who is looking.
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    expect(violations).toEqual([]);
  } finally {
    await guest.close();
  }
});
