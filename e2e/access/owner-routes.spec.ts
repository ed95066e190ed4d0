import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema, predictionEnvelopeSchema, SUBMIT_PATH } from "@/lib/contract";
import type { PredictionView } from "@/lib/playground-api";
import { openStream, type RawResponse, rawRequest } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN } from "@/testing/ports";
import { ACCESS_URL, imagePathOf, JSON_TYPE, OWNER, ownerPrediction } from "./api-client";
import { ownerApiRoutes, ownerPages, sharedRoutes } from "./owner-routes";

/**
 * Every route, asked three ways: with no credentials, with a wrong token, and with the token.
 * Each wrong token leaves from a loopback address of its own, so the per-address limit on wrong
 * tokens never mixes one test's tries with another's.
 */
let shared: PredictionView;
test.beforeAll(async () => {
  shared = await ownerPrediction(`A harbour crane at night ${Date.now().toString(36)}`);
});

const WRONG = { authorization: "Bearer this-is-a-wrong-token-123" };
const bodyFor = (method: string) => (method === "POST" ? JSON.stringify({ prompt: "a fox in the snow" }) : undefined);
const headersFor = (method: string, extra: Record<string, string> = {}) => ({
  ...(method === "POST" ? JSON_TYPE : {}),
  ...extra,
});

function expectUnauthorized(response: RawResponse, what: string) {
  expect(response.status, what).toBe(401);
  expect(errorEnvelopeSchema.parse(JSON.parse(response.body)), what).toMatchObject({ code: 401, error_code: "unauthorized" });
  expect(response.headers["www-authenticate"], what).toMatch(/^Bearer/);
}

test("owner API routes answer 401 without credentials or with a wrong token, and the owner with the token", async () => {
  const doomed = await ownerPrediction(`A sandcastle before the tide ${Date.now().toString(36)}`);
  const expected: Record<string, number> = { GET: 200, POST: 201, DELETE: 204 };
  let address = 10;
  for (const [method, path] of ownerApiRoutes(doomed.id)) {
    const what = `${method} ${path}`;
    const url = ACCESS_URL + path;
    const send = (extra: Record<string, string>, from?: string) =>
      rawRequest(url, { method, headers: headersFor(method, extra), body: bodyFor(method), from });
    if (path === "/api/events") {
      expect((await openStream(url)).status, what).toBe(401);
      expect((await openStream(url, WRONG)).status, what).toBe(401);
      expect(await openStream(url, OWNER), what).toEqual({ status: 200, contentType: "text/event-stream; charset=utf-8" });
      continue;
    }
    expectUnauthorized(await send({}), `${what} without credentials`);
    expectUnauthorized(await send(WRONG, `127.0.0.${address++}`), `${what} with a wrong token`);
    const answer = await send(OWNER);
    const status = path === SUBMIT_PATH ? 200 : expected[method];
    expect(answer.status, `${what} with the token: ${answer.body}`).toBe(status);
  }
  // The delete went through only with the token.
  expect((await rawRequest(`${ACCESS_URL}/api/predictions/${doomed.id}`)).status).toBe(404);
});

test("owner pages send a guest to sign in, refuse a wrong token, and render for the token", async () => {
  let address = 30;
  for (const path of ownerPages) {
    const guest = await rawRequest(ACCESS_URL + path);
    expect(guest.status, path).toBe(307);
    expect(guest.headers.location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
    expectUnauthorized(await rawRequest(ACCESS_URL + path, { headers: WRONG, from: `127.0.0.${address++}` }), path);
    const owner = await rawRequest(ACCESS_URL + path, { headers: OWNER });
    expect(owner.status, path).toBe(200);
    expect(owner.headers["content-type"], path).toContain("text/html");
  }
});

test("shared routes open without credentials, and a wrong token is still refused", async () => {
  const file = imagePathOf(shared).split("/").at(-1)!;
  let address = 40;
  for (const path of sharedRoutes(shared.id, file)) {
    expect((await rawRequest(ACCESS_URL + path)).status, path).toBe(200);
    expect((await rawRequest(ACCESS_URL + path, { headers: OWNER })).status, path).toBe(200);
    expectUnauthorized(await rawRequest(ACCESS_URL + path, { headers: WRONG, from: `127.0.0.${address++}` }), path);
  }
  // Changing a shared prediction is still the owner's.
  expectUnauthorized(await rawRequest(`${ACCESS_URL}/api/predictions/${shared.id}`, { method: "DELETE" }), "DELETE");
});

test("the seed's curl works with the token as its Bearer key", async () => {
  const curl = { "Content-Type": "application/json", Authorization: `Bearer ${E2E_ACCESS_TOKEN}` };
  const submitted = await rawRequest(ACCESS_URL + SUBMIT_PATH, {
    method: "POST",
    headers: curl,
    body: JSON.stringify({
      prompt: "A grand steampunk airship",
      aspect_ratio: "1:1",
      num_images: 1,
      guidance_scale: 3.5,
      safety_tolerance: "2",
    }),
  });
  expect(submitted.status, submitted.body).toBe(200);
  const envelope = predictionEnvelopeSchema.parse(JSON.parse(submitted.body));
  expect(envelope.data.urls.get).toBe(`${ACCESS_URL}/api/v3/predictions/${envelope.data.id}/result`);
  let outputs: string[] = [];
  await expect
    .poll(async () => {
      const result = predictionEnvelopeSchema.parse(
        JSON.parse((await rawRequest(envelope.data.urls.get, { headers: curl })).body),
      );
      outputs = result.data.outputs;
      return result.data.status;
    })
    .toBe("completed");
  // The image is a share link's to hand out: it opens without the token.
  const image = await rawRequest(outputs[0]!);
  expect(image.status).toBe(200);
  expect(image.headers["content-type"]).toMatch(/^image\//);
});

test("wrong tokens from one address: ten a minute, at sign-in and by Bearer alike, then 429 with Retry-After", async () => {
  const from = "127.0.0.60";
  const signIn = (token: string, source = from) =>
    rawRequest(`${ACCESS_URL}/api/session`, {
      method: "POST",
      headers: JSON_TYPE,
      body: JSON.stringify({ token }),
      from: source,
    });
  for (let i = 0; i < 5; i++) {
    const refused = await signIn(`wrong-sign-in-${i}`);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ error_code: "unauthorized", field: "token" });
    expect(refused.headers["set-cookie"]).toBeUndefined();
  }
  for (let i = 0; i < 5; i++) {
    const headers = { authorization: `Bearer wrong-bearer-${i}` };
    expect((await rawRequest(`${ACCESS_URL}/api/predictions`, { headers, from })).status).toBe(401);
  }
  // From here on even the right token is refused from this address, for the rest of the minute.
  for (const limited of [
    await rawRequest(`${ACCESS_URL}/api/predictions`, { headers: OWNER, from }),
    await signIn(E2E_ACCESS_TOKEN),
  ]) {
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toMatchObject({ code: 429, error_code: "rate_limited" });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
  }
  // Another address is not held back, and signs in.
  const elsewhere = await signIn(E2E_ACCESS_TOKEN, "127.0.0.61");
  expect(elsewhere.status).toBe(200);
  expect(elsewhere.headers["set-cookie"]?.[0]).toMatch(/^kontext_session=[^;]+;.*HttpOnly.*SameSite=lax/i);
});
