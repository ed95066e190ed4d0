import path from "node:path";
import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema, SUBMIT_PATH } from "@/lib/contract";
import { budgetAnswerSchema, historyPageSchema, predictionViewSchema } from "@/lib/playground-api";
import { type RawResponse, rawRequest } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN, E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { waitUntilHydrated } from "../pages/hydrated";
import { LoginPage } from "../pages/login-page";
import { PlaygroundPage } from "../pages/playground-page";
import { SharePage } from "../pages/share-page";
import { FAKE_API_KEY, FAKE_URL, uniqueToken, upstreamCalls } from "../wavespeed/upstream";
import { JSON_TYPE, OWNER } from "./api-client";

/**
 * The limits that protect the key, on the WaveSpeed engine against the suite's fake upstream,
 * whose request log shows what was sent. Each test starts a playground of its own, with the
 * limit it is about set low and a fresh data folder.
 */
test.describe.configure({ mode: "serial" });
let server: ServerProcess | undefined;
test.afterEach(async () => server?.stop());

async function start(name: string, limits: Record<string, string>) {
  server = await startPlayground({
    port: E2E_PORTS.limits,
    env: {
      KONTEXT_ENGINE: "wavespeed",
      WAVESPEED_API_KEY: FAKE_API_KEY,
      WAVESPEED_BASE_URL: FAKE_URL,
      WAVESPEED_WEBHOOKS: "off",
      ACCESS_TOKEN: E2E_ACCESS_TOKEN,
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, `limits-${name}-${Date.now()}`),
      ...limits,
    },
  });
  return server.url;
}

const submitV3 = (url: string, body: Record<string, unknown>, headers: Record<string, string> = OWNER) =>
  rawRequest(url + SUBMIT_PATH, { method: "POST", headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) });

function expectRefusal(answer: RawResponse, status: number, errorCode: string) {
  expect(answer.status, answer.body).toBe(status);
  const envelope = errorEnvelopeSchema.parse(JSON.parse(answer.body));
  expect(envelope).toMatchObject({ code: status, data: null, error_code: errorCode });
  return envelope;
}

const retryAfter = (answer: RawResponse) => Number(answer.headers["retry-after"]);

test("submits per token and per session: SUBMITS_PER_MINUTE, then 429 with Retry-After", async () => {
  const url = await start("rate", { SUBMITS_PER_MINUTE: "3" });
  const token = uniqueToken("rate");
  for (let i = 0; i < 3; i++) expect((await submitV3(url, { prompt: `${token} token ${i}` })).status).toBe(200);
  const limited = await submitV3(url, { prompt: `${token} token over` });
  expectRefusal(limited, 429, "rate_limited");
  expect(retryAfter(limited)).toBeGreaterThan(0);
  expect(retryAfter(limited)).toBeLessThanOrEqual(60);
  expect((await upstreamCalls(`${token} token over`)).submits).toHaveLength(0);

  // A signed-in session is counted apart from the token.
  const signIn = await rawRequest(`${url}/api/session`, {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify({ token: E2E_ACCESS_TOKEN }),
  });
  const cookie = signIn.headers["set-cookie"]![0]!.split(";")[0]!;
  const asSession = (i: string) =>
    rawRequest(`${url}/api/predictions`, {
      method: "POST",
      headers: { ...JSON_TYPE, cookie, origin: url },
      body: JSON.stringify({ prompt: `${token} session ${i}` }),
    });
  for (let i = 0; i < 3; i++) expect((await asSession(String(i))).status).toBe(201);
  expectRefusal(await asSession("over"), 429, "rate_limited");
});

test("MAX_QUEUED: past it a submit gets 429 queue full, and nothing is stored or sent", async () => {
  const url = await start("queue", { MAX_QUEUED: "2" });
  const token = uniqueToken("queue");
  for (const name of ["a", "b"]) expect((await submitV3(url, { prompt: `${token} ${name} [duration:60000]` })).status).toBe(200);
  const full = await submitV3(url, { prompt: `${token} full` });
  expect(expectRefusal(full, 429, "queue_full").message).toContain("queue is full");
  expect(retryAfter(full)).toBeGreaterThan(0);

  const history = historyPageSchema.parse(
    JSON.parse((await rawRequest(`${url}/api/predictions?q=${token}`, { headers: OWNER })).body),
  );
  expect(history.items.map((item) => item.input.prompt).sort()).toEqual([
    `${token} a [duration:60000]`,
    `${token} b [duration:60000]`,
  ]);
  expect((await upstreamCalls(`${token} full`)).submits).toHaveLength(0);
});

test("BUDGET_USD_PER_DAY: 402 naming the budget and what is left, nothing upstream; the playground shows what is left", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const url = await start("budget", { BUDGET_USD_PER_DAY: "0.2" });
  const token = uniqueToken("budget");
  expect((await submitV3(url, { prompt: `${token} running [duration:60000]`, num_images: 4 })).status).toBe(200);
  const budget = async () =>
    budgetAnswerSchema.parse(JSON.parse((await rawRequest(`${url}/api/budget`, { headers: OWNER })).body)).budget;
  expect(await budget()).toMatchObject({ budgetUsd: 0.2, spentUsd: 0.16, leftUsd: 0.04 });

  const refused = await submitV3(url, { prompt: `${token} too much`, num_images: 2 });
  const envelope = expectRefusal(refused, 402, "budget_exceeded");
  expect(envelope).toMatchObject({ budget_usd: 0.2, left_usd: 0.04 });
  expect(envelope.message).toContain("$0.04 is left");
  expect((await upstreamCalls(`${token} too much`)).submits).toHaveLength(0);

  // The owner sees it beside the cost estimate, and a run past it is refused with the reason.
  const context = await browser.newContext({ baseURL: url });
  try {
    const page = await context.newPage();
    await page.goto("/login?next=%2F");
    await new LoginPage(page).signIn(E2E_ACCESS_TOKEN);
    const playground = new PlaygroundPage(page);
    await waitUntilHydrated(page);
    await expect(page.getByTestId("budget-left")).toContainText("Left today (UTC)$0.04 of $0.20");
    await playground.fill({ prompt: `${token} from the page`, images: 2 });
    await playground.generate();
    await expect(playground.newestRun().root).toContainText("would pass today's budget of $0.20");
    expect((await upstreamCalls(`${token} from the page`)).submits).toHaveLength(0);
  } finally {
    await context.close();
  }
});

test("a guest's share page follows a running prediction by itself, without the all-predictions stream", async ({ browser }) => {
  test.setTimeout(120_000);
  const url = await start("live", {});
  const token = uniqueToken("live");
  const created = await rawRequest(`${url}/api/predictions`, {
    method: "POST",
    headers: { ...OWNER, ...JSON_TYPE },
    body: JSON.stringify({ prompt: `${token} [duration:20000]` }),
  });
  const { id } = predictionViewSchema.parse(JSON.parse(created.body));
  const guest = await browser.newContext({ baseURL: url });
  try {
    const page = await guest.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`/p/${id}`);
    const share = new SharePage(page);
    await expect(page.getByRole("status").filter({ hasText: "Generating" })).toBeVisible();
    await expect(share.images).toHaveCount(1, { timeout: 45_000 });
    await expect(share.status).toHaveText("completed");
    expect(requested).toContain(`/api/predictions/${id}`);
    expect(requested).not.toContain("/api/events");
  } finally {
    await guest.close();
  }
});
