import path from "node:path";
import { expect, test } from "@playwright/test";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { type Nginx, startNginx } from "@/testing/nginx";
import { E2E_ACCESS_TOKEN, E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { JSON_TYPE, OWNER } from "./api-client";
import { expectSecurityHeaders } from "./security-headers";

/**
 * The playground put online as docs/DEPLOYING.md says: `PUBLIC_URL=https://…`, `TRUST_PROXY=1`, a
 * token, behind Debian's nginx ending TLS. Every request here goes through nginx, as a browser's would.
 */
test.describe.configure({ mode: "serial" });
const PUBLIC_HOST = "play.example.test";
const PUBLIC_URL = `https://${PUBLIC_HOST}`;
const CACHED = "public, s-maxage=60, stale-while-revalidate=86400";
let server: ServerProcess | undefined;
let proxy: Nginx | undefined;
test.afterEach(async () => {
  await proxy?.stop();
  await server?.stop();
});

/** The playground, and nginx in front of it; `passHost: false`: the public name reaches it only as X-Forwarded-Host. */
async function deploy(name: string, passHost = true): Promise<Nginx> {
  server = await startPlayground({
    port: E2E_PORTS.behindProxy,
    env: {
      KONTEXT_ENGINE: "local",
      ACCESS_TOKEN: E2E_ACCESS_TOKEN,
      PUBLIC_URL,
      TRUST_PROXY: "1",
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, name),
    },
  });
  proxy = await startNginx({ port: E2E_PORTS.proxyTls, serverName: PUBLIC_HOST, upstreams: [E2E_PORTS.behindProxy], passHost });
  return proxy;
}

async function finishedRun(through: Nginx, prompt: string): Promise<PredictionView> {
  const created = await through.request("/api/predictions", {
    method: "POST",
    headers: { ...OWNER, ...JSON_TYPE },
    body: JSON.stringify({ prompt }),
  });
  expect(created.status, created.body).toBe(201);
  const { id } = predictionViewSchema.parse(JSON.parse(created.body));
  let view: PredictionView | undefined;
  await expect
    .poll(async () => {
      view = predictionViewSchema.parse(JSON.parse((await through.request(`/api/predictions/${id}`, { headers: OWNER })).body));
      return view.status;
    })
    .toBe("completed");
  return view!;
}

/** A guest's first and later views of a finished run's page: 200, cached for a CDN, every link on the public https address. */
async function expectGuestViews(through: Nginx, run: PredictionView) {
  const views = [];
  for (let i = 0; i < 3; i++) views.push(await through.request(`/p/${run.id}`));
  expect(views.map((view) => view.status)).toEqual([200, 200, 200]);
  expect(views.map((view) => view.headers["x-nextjs-cache"])).toEqual(["MISS", "HIT", "HIT"]);
  for (const view of views) {
    expect(view.headers["cache-control"]).toBe(CACHED);
    expect(view.body).toBe(views[0]!.body);
    expect(view.headers["content-security-policy"]).toBe(views[0]!.headers["content-security-policy"]);
  }
  // Its inline scripts allowed by their hashes, the same for every viewer; HSTS, as the site is https.
  expectSecurityHeaders(views[1]!, "a cached share page behind the proxy", "hashed", { https: true });
  const html = views[1]!.body;
  expect(html).toContain(`<meta property="og:url" content="${PUBLIC_URL}/p/${run.id}"/>`);
  expect(html).toContain(`${PUBLIC_URL}/api/cards/p/${run.id}.png`);
  // No link to the address nginx reached the playground at, nor plain http.
  expect(html).not.toMatch(/https?:\/\/(127\.0\.0\.1|localhost)/);
  expect(html).not.toContain(`http://${PUBLIC_HOST}`);
  // The image a link names loads through the proxy.
  const image = new URL(run.outputs[0]!.url);
  expect(image.origin).toBe(PUBLIC_URL);
  expect((await through.request(image.pathname)).status).toBe(200);
}

test("behind nginx ending TLS: a guest's views of a finished run answer 200 from the cache, with https links", async () => {
  const through = await deploy("behind-proxy");
  const run = await finishedRun(through, "a lighthouse behind a proxy");
  expect(run.shareUrl).toBe(`${PUBLIC_URL}/p/${run.id}`);
  await expectGuestViews(through, run);

  // 304 by ETag through the proxy; a note renders the page again on its next view, a delete takes it down at once.
  const etag = (await through.request(`/p/${run.id}`)).headers.etag!;
  expect((await through.request(`/p/${run.id}`, { headers: { "if-none-match": etag } })).status).toBe(304);
  const noted = await through.request(`/api/predictions/${run.id}`, {
    method: "PATCH",
    headers: { ...OWNER, ...JSON_TYPE },
    body: JSON.stringify({ note: "seen through the proxy" }),
  });
  expect(noted.status).toBe(200);
  const afterNote = await through.request(`/p/${run.id}`);
  expect([afterNote.status, afterNote.headers["x-nextjs-cache"]]).toEqual([200, "MISS"]);
  expect(afterNote.body).toContain("seen through the proxy");
  expect((await through.request(`/api/predictions/${run.id}`, { method: "DELETE", headers: OWNER })).status).toBe(204);
  const gone = await through.request(`/p/${run.id}`);
  expect(gone.status).toBe(404);
  expect(gone.headers["cache-control"]).toContain("no-store");

  // An id that is not there: rendered per request, never kept by a CDN.
  const missing = await through.request("/p/0123456789abcdef0123456789abcdef");
  expect(missing.status).toBe(404);
  expect(missing.headers["cache-control"]).toContain("no-store");
  expectSecurityHeaders(missing, "a missing share page behind the proxy", "nonce", { https: true });
});

test("behind a proxy that keeps its own address as Host, the public name coming as X-Forwarded-Host only", async () => {
  const through = await deploy("behind-proxy-host", false);
  const run = await finishedRun(through, "a kite over a harbour");
  await expectGuestViews(through, run);
});

test("behind a proxy that appends to X-Forwarded-For, the client is the address nginx appended, not one it sent", async () => {
  const through = await deploy("behind-proxy-clients");
  // Wrong tokens under made-up addresses all count against the one client nginx saw (127.0.0.1).
  for (let i = 0; i < 10; i++) {
    const headers = { authorization: `Bearer wrong-${i}`, "x-forwarded-for": `198.51.100.${i}` };
    expect((await through.request("/api/predictions", { headers })).status).toBe(401);
  }
  const limited = await through.request("/api/predictions", { headers: { ...OWNER, "x-forwarded-for": "198.51.100.77" } });
  expect(limited.status).toBe(429);
});
