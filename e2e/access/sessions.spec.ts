import path from "node:path";
import { expect, test } from "@playwright/test";
import { rawRequest } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN, E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { LoginPage } from "../pages/login-page";
import { JSON_TYPE } from "./api-client";

/**
 * Sessions the server ends. "Sign out everywhere" ends every session of a server, so these tests
 * run on a playground of their own rather than the suite's shared owner server.
 */
test.describe.configure({ mode: "serial" });
let server: ServerProcess;
test.beforeAll(async () => {
  server = await startPlayground({
    port: E2E_PORTS.sessions,
    env: {
      KONTEXT_ENGINE: "local",
      ACCESS_TOKEN: E2E_ACCESS_TOKEN,
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, `sessions-${Date.now()}`),
    },
  });
});
test.afterAll(async () => server?.stop());

/** A session cookie from signing in over the API, as `name=value`. */
async function signIn(): Promise<string> {
  const answer = await rawRequest(`${server.url}/api/session`, {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify({ token: E2E_ACCESS_TOKEN }),
  });
  expect(answer.status, answer.body).toBe(200);
  return String(answer.headers["set-cookie"]).split(";")[0];
}

/** The status of an owner-only read with this cookie: 200 while the session lives, 401 after. */
const historyWith = async (cookie: string) => (await rawRequest(`${server.url}/api/predictions`, { headers: { cookie } })).status;

/** A change sent from the playground's own page, as the browser sends it. */
const fromOurPage = (cookie: string) => ({ cookie, origin: server.url });

test("signing out ends the session for every copy of its cookie, and only that session", async () => {
  const laptop = await signIn();
  const phone = await signIn();
  const copied = laptop;
  expect(await historyWith(laptop)).toBe(200);

  const out = await rawRequest(`${server.url}/api/session`, { method: "DELETE", headers: fromOurPage(laptop) });
  expect(out.status).toBe(200);
  expect(String(out.headers["set-cookie"])).toMatch(/kontext_session=;.*Max-Age=0/);
  expect(await historyWith(copied)).toBe(401);
  expect(await historyWith(phone)).toBe(200);
});

test("signing out everywhere ends every session; the token still works; a guest cannot do it", async () => {
  const guest = await rawRequest(`${server.url}/api/session/all`, { method: "DELETE" });
  expect(guest.status).toBe(401);
  const sessions = [await signIn(), await signIn(), await signIn()];
  for (const cookie of sessions) expect(await historyWith(cookie)).toBe(200);

  const all = await rawRequest(`${server.url}/api/session/all`, { method: "DELETE", headers: fromOurPage(sessions[0]) });
  expect(all.status, all.body).toBe(200);
  for (const cookie of sessions) expect(await historyWith(cookie)).toBe(401);
  const bearer = { authorization: `Bearer ${E2E_ACCESS_TOKEN}` };
  expect((await rawRequest(`${server.url}/api/predictions`, { headers: bearer })).status).toBe(200);
  expect(await historyWith(await signIn())).toBe(200);
});

test("Sign out everywhere in the header, after a question, signs out another browser too", async ({ browser }) => {
  test.setTimeout(120_000);
  const here = await browser.newContext({ baseURL: server.url });
  const elsewhere = await browser.newContext({ baseURL: server.url });
  try {
    const pages = await Promise.all([here.newPage(), elsewhere.newPage()]);
    for (const page of pages) {
      await page.goto("/login?next=%2Fhistory");
      await new LoginPage(page).signIn(E2E_ACCESS_TOKEN);
      await expect(page).toHaveURL(`${server.url}/history`);
    }
    const [page, other] = pages;
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(`${server.url}/login?next=%2Fhistory`);
    await other.reload();
    await expect(other).toHaveURL(`${server.url}/login?next=%2Fhistory`);
  } finally {
    await Promise.all([here.close(), elsewhere.close()]);
  }
});
