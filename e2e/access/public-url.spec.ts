import path from "node:path";
import { expect, test } from "@playwright/test";
import { predictionEnvelopeSchema, SUBMIT_PATH } from "@/lib/contract";
import { rawRequest } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN, E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { JSON_TYPE, OWNER } from "./api-client";

/** A playground that answers to an https PUBLIC_URL only, asked for it by name over loopback. */
test.describe.configure({ mode: "serial" });
const PUBLIC_URL = "https://play.example.test";
const PUBLIC_HOST = "play.example.test";
let server: ServerProcess | undefined;
test.afterEach(async () => server?.stop());

const start = async (extra: Record<string, string> = {}) => {
  server = await startPlayground({
    port: E2E_PORTS.publicUrl,
    env: {
      KONTEXT_ENGINE: "local",
      ACCESS_TOKEN: E2E_ACCESS_TOKEN,
      PUBLIC_URL,
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, "public-url"),
      ...extra,
    },
  });
  return server.url;
};

test("with an https PUBLIC_URL: only its host, links from it, HSTS, and a Secure session cookie", async () => {
  const url = await start();
  const asPublic = { host: PUBLIC_HOST };
  expect((await rawRequest(`${url}/login`)).status).toBe(421);
  expect((await rawRequest(`${url}/login`, { headers: { host: "localhost" } })).status).toBe(421);
  // Without TRUST_PROXY a client cannot claim the public name through X-Forwarded-Host.
  expect((await rawRequest(`${url}/login`, { headers: { "x-forwarded-host": PUBLIC_HOST } })).status).toBe(421);
  // A load balancer checks each instance at its address: health and readiness answer there, nothing else does.
  expect((await rawRequest(`${url}/api/ready`)).status).toBe(200);
  expect((await rawRequest(`${url}/api/health`)).status).toBe(200);
  expect((await rawRequest(`${url}/api/health`, { headers: { host: "localhost" } })).status).toBe(421);

  const submitted = await rawRequest(url + SUBMIT_PATH, {
    method: "POST",
    headers: { ...asPublic, ...OWNER, ...JSON_TYPE },
    body: JSON.stringify({ prompt: "a lantern on a jetty" }),
  });
  expect(submitted.status).toBe(200);
  const { data } = predictionEnvelopeSchema.parse(JSON.parse(submitted.body));
  expect(data.urls.get).toBe(`${PUBLIC_URL}/api/v3/predictions/${data.id}/result`);

  const page = await rawRequest(`${url}/login`, { headers: asPublic });
  expect(page.status).toBe(200);
  expect(page.headers["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  expect(page.headers["content-security-policy"]).toContain("upgrade-insecure-requests");

  const signIn = await rawRequest(`${url}/api/session`, {
    method: "POST",
    headers: { ...asPublic, ...JSON_TYPE },
    body: JSON.stringify({ token: E2E_ACCESS_TOKEN }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers["set-cookie"]?.[0] ?? "";
  expect(cookie).toMatch(/^kontext_session=/);
  for (const attribute of ["Secure", "HttpOnly", "SameSite=lax", "Path=/"]) expect(cookie.split("; ")).toContain(attribute);
});

test("behind a trusted proxy (TRUST_PROXY=1), the proxy's X-Forwarded-Host and X-Forwarded-For count", async () => {
  const url = await start({ TRUST_PROXY: "1" });
  // The proxy connects over loopback and names the public host in X-Forwarded-Host.
  const proxied = { "x-forwarded-host": PUBLIC_HOST, "x-forwarded-proto": "https" };
  expect((await rawRequest(`${url}/api/health`, { headers: proxied })).status).toBe(200);
  expect((await rawRequest(`${url}/api/health`, { headers: { "x-forwarded-host": "evil.example" } })).status).toBe(421);

  // The client is the address the proxy appended last: wrong tokens from one client do not hold back another.
  const from = (addresses: string) => ({ ...proxied, "x-forwarded-for": addresses });
  for (let i = 0; i < 10; i++) {
    const headers = { ...from("203.0.113.7"), authorization: `Bearer wrong-${i}` };
    expect((await rawRequest(`${url}/api/predictions`, { headers })).status).toBe(401);
  }
  expect((await rawRequest(`${url}/api/predictions`, { headers: { ...from("203.0.113.7"), ...OWNER } })).status).toBe(429);
  expect(
    (await rawRequest(`${url}/api/predictions`, { headers: { ...from("203.0.113.8, 203.0.113.7"), ...OWNER } })).status,
  ).toBe(429);
  expect(
    (await rawRequest(`${url}/api/predictions`, { headers: { ...from("203.0.113.7, 203.0.113.8"), ...OWNER } })).status,
  ).toBe(200);
});

test("behind a proxy that appends, each X-Forwarded header is read from the proxy's entry (the last), never the client's", async () => {
  const url = await start({ TRUST_PROXY: "1" });
  const appended = (host: string, proto = "https") => ({ "x-forwarded-host": host, "x-forwarded-proto": proto });
  expect((await rawRequest(`${url}/api/health`, { headers: appended(`evil.example, ${PUBLIC_HOST}`) })).status).toBe(200);
  expect((await rawRequest(`${url}/api/health`, { headers: appended(`${PUBLIC_HOST}, evil.example`) })).status).toBe(421);
  await server!.stop();

  // Without PUBLIC_URL the proxy's host and scheme make the links: a client's value put first changes neither.
  const open = await start({ TRUST_PROXY: "1", PUBLIC_URL: "" });
  const submitted = await rawRequest(open + SUBMIT_PATH, {
    method: "POST",
    headers: { ...OWNER, ...JSON_TYPE, ...appended(`evil.example, ${PUBLIC_HOST}`, "http, https") },
    body: JSON.stringify({ prompt: "a lantern on a jetty" }),
  });
  expect(submitted.status).toBe(200);
  const { data } = predictionEnvelopeSchema.parse(JSON.parse(submitted.body));
  expect(data.urls.get).toBe(`${PUBLIC_URL}/api/v3/predictions/${data.id}/result`);
});
