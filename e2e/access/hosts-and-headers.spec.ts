import { expect, test } from "@playwright/test";
import { predictionEnvelopeSchema, SUBMIT_PATH } from "@/lib/contract";
import type { PredictionView } from "@/lib/playground-api";
import { rawRequest } from "@/testing/http-client";
import { E2E_PORTS } from "@/testing/ports";
import { sendRequestLine } from "@/testing/raw-http";
import { ACCESS_URL, imagePathOf, JSON_TYPE, OWNER, ownerPrediction } from "./api-client";
import { expectSecurityHeaders } from "./security-headers";

/** Host headers are sent over node:http: fetch would replace them with the URL's host. */
let shared: PredictionView;
test.beforeAll(async () => {
  shared = await ownerPrediction(`A windmill in a tulip field ${Date.now().toString(36)}`);
});

const OWN_HOST = `127.0.0.1:${E2E_PORTS.access}`;

test("a request for another host is refused, so no link can point at it", async () => {
  const paths = ["/", `/p/${shared.id}`, imagePathOf(shared), "/api/predictions", "/api/health", "/login"];
  for (const host of ["evil.example", `evil.example:${E2E_PORTS.access}`, `rebind.attacker.example:${E2E_PORTS.access}`]) {
    for (const path of paths) {
      const answer = await rawRequest(ACCESS_URL + path, { headers: { ...OWNER, host } });
      expect(answer.status, `${host} ${path}`).toBe(421);
      expect(JSON.parse(answer.body), `${host} ${path}`).toMatchObject({ code: 421, error_code: "misdirected" });
    }
  }
  const submit = await rawRequest(ACCESS_URL + SUBMIT_PATH, {
    method: "POST",
    headers: { ...OWNER, ...JSON_TYPE, host: "evil.example" },
    body: JSON.stringify({ prompt: "a link to elsewhere" }),
  });
  expect(submit.status).toBe(421);
});

test("an absolute-form request line is answered by the gate like any other: its host checked, never a redirect", async () => {
  const line = (target: string) => sendRequestLine(E2E_PORTS.access, `GET ${target} HTTP/1.1`, { Host: OWN_HOST });
  for (const target of ["http://evil.example/x", "https://evil.example/login?next=/", `http://evil.example/p/${shared.id}`]) {
    const answer = await line(target);
    expect(answer.status, target).toBe(421);
    expect(answer.headers.location, target).toBeUndefined();
    expect(answer.headers["content-security-policy"], target).toContain("frame-ancestors 'none'");
    expect(answer.headers["x-frame-options"], target).toBe("DENY");
    expect(answer.headers["cache-control"], target).toBe("no-store");
  }
  // Naming this server itself, it is an ordinary request.
  const own = await line(`http://${OWN_HOST}/api/health`);
  expect(own.status).toBe(200);
  expect(own.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  // A target that is neither a path nor an http(s) URL is a bad request, not a route, with the same headers.
  const neither = await line("*");
  expect(neither.status).toBe(400);
  expect(neither.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(neither.headers["x-content-type-options"]).toBe("nosniff");
  expect(neither.headers["x-frame-options"]).toBe("DENY");
  expect(neither.headers["cache-control"]).toBe("no-store");
});

test("a path with doubled slashes or a backslash goes to its clean form, with the headers every answer carries", async () => {
  for (const [target, clean] of [
    ["//evil.example/login", "/evil.example/login"],
    [`/p//${shared.id}?next=//x`, `/p/${shared.id}?next=//x`],
    ["/\\evil.example", "/evil.example"],
  ]) {
    const answer = await sendRequestLine(E2E_PORTS.access, `GET ${target} HTTP/1.1`, { Host: OWN_HOST });
    expect(answer.status, target).toBe(308);
    expect(answer.headers.location, target).toBe(clean);
    expect(answer.headers["content-security-policy"], target).toContain("frame-ancestors 'none'");
    expect(answer.headers["x-content-type-options"], target).toBe("nosniff");
    expect(answer.headers["x-frame-options"], target).toBe("DENY");
    expect(answer.headers["cache-control"], target).toBe("no-store");
  }
  // Followed, it is the page itself.
  const page = await rawRequest(`${ACCESS_URL}/p/${shared.id}`);
  expect(page.status).toBe(200);
});

test("forwarding headers from a client are not believed without TRUST_PROXY", async () => {
  const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
  const submit = await rawRequest(ACCESS_URL + SUBMIT_PATH, {
    method: "POST",
    headers: { ...OWNER, ...JSON_TYPE, ...forged },
    body: JSON.stringify({ prompt: "a link to here" }),
  });
  expect(submit.status).toBe(200);
  expect(predictionEnvelopeSchema.parse(JSON.parse(submit.body)).data.urls.get).toMatch(new RegExp(`^http://${OWN_HOST}/`));

  const page = await rawRequest(`${ACCESS_URL}/p/${shared.id}`, { headers: forged });
  expect(page.status).toBe(200);
  const ogTags = [...page.body.matchAll(/<meta property="og:(?:url|image)" content="([^"]+)"/g)].map((match) => match[1]);
  expect(ogTags).toHaveLength(2);
  for (const url of ogTags) expect(url).toMatch(new RegExp(`^http://${OWN_HOST}/`));

  // A loopback name the server answers to makes links on that name.
  const local = await rawRequest(`${ACCESS_URL}/api/predictions/${shared.id}`, {
    headers: { host: `localhost:${E2E_PORTS.access}` },
  });
  expect(JSON.parse(local.body).shareUrl).toBe(`http://localhost:${E2E_PORTS.access}/p/${shared.id}`);

  // Nor can a made-up X-Forwarded-For dodge the limit on wrong tokens.
  const from = "127.0.0.70";
  for (let i = 0; i < 10; i++) {
    const headers = { authorization: `Bearer wrong-${i}`, "x-forwarded-for": `198.51.100.${i}` };
    expect((await rawRequest(`${ACCESS_URL}/api/predictions`, { headers, from })).status).toBe(401);
  }
  const limited = await rawRequest(`${ACCESS_URL}/api/predictions`, {
    headers: { ...OWNER, "x-forwarded-for": "192.0.2.99" },
    from,
  });
  expect(limited.status).toBe(429);
});

test("every response carries the security headers: the playground, a share page, an image, the API, a refusal", async () => {
  const playground = await rawRequest(`${ACCESS_URL}/`, { headers: OWNER });
  expect(playground.status).toBe(200);
  const csp = expectSecurityHeaders(playground, "/");
  // Every script the page carries has this response's nonce, but the theme script, allowed by its hash.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scripts = [...playground.body.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(3);
  const withoutNonce = scripts.filter((script) => !script.includes(`nonce="${nonce}"`));
  expect(withoutNonce).toEqual(["<script>"]);

  const share = await rawRequest(`${ACCESS_URL}/p/${shared.id}`);
  expect(share.status).toBe(200);
  expectSecurityHeaders(share, "share page", "hashed");
  const image = await rawRequest(ACCESS_URL + imagePathOf(shared));
  expect(image.status).toBe(200);
  expectSecurityHeaders(image, "image");
  const api = await rawRequest(`${ACCESS_URL}/api/predictions`, { headers: OWNER });
  expect(api.status).toBe(200);
  expectSecurityHeaders(api, "API");
  const refused = await rawRequest(`${ACCESS_URL}/api/predictions`);
  expect(refused.status).toBe(401);
  expectSecurityHeaders(refused, "refusal");
  // No refusal, error or not-found is ever kept by a cache in front.
  const errors = [
    refused,
    await rawRequest(`${ACCESS_URL}/api/no-such-route`, { headers: OWNER }),
    await rawRequest(`${ACCESS_URL}/api/predictions/no-such-run`, { headers: OWNER }),
    await rawRequest(`${ACCESS_URL}/p/0123456789abcdef0123456789abcdef`),
    await rawRequest(`${ACCESS_URL}/api/health`, { method: "PUT", headers: { ...OWNER, ...JSON_TYPE }, body: "{}" }),
    await rawRequest(`${ACCESS_URL}/api/predictions`, { method: "POST", headers: OWNER, body: "x" }),
    await rawRequest(`${ACCESS_URL}/p/%E0%A4%A`),
  ];
  expect(errors.map((error) => error.status)).toEqual([401, 404, 404, 404, 405, 415, 400]);
  for (const error of errors) expect(error.headers["cache-control"], String(error.status)).toMatch(/(^|, )no-store(,|$)/);
  // Each response has a nonce of its own.
  expect(share.headers["content-security-policy"]).not.toBe(playground.headers["content-security-policy"]);
});
