import { expect, test } from "@playwright/test";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { rawRequest, serveOnLoopback } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN } from "@/testing/ports";
import { LoginPage } from "../pages/login-page";
import { ACCESS_URL, JSON_TYPE, OWNER } from "./api-client";

/** Runs on the owner's server whose prompt contains `marker`, read with the token. */
async function runsMentioning(marker: string): Promise<PredictionView[]> {
  const answer = await rawRequest(`${ACCESS_URL}/api/predictions?q=${encodeURIComponent(marker)}`, { headers: OWNER });
  return (JSON.parse(answer.body) as { items: unknown[] }).items.map((item) => predictionViewSchema.parse(item));
}

test("a page on another site cannot make the signed-in owner's browser submit or delete", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const marker = `csrf-${Date.now().toString(36)}`;
  const submitUrl = `${ACCESS_URL}/api/predictions`;
  // The attacker's page: a text/plain form shaped to look like JSON (the classic trick), and scripts.
  const attacker = await serveOnLoopback((request, response) => {
    response.setHeader("content-type", "text/html");
    if (request.url === "/form") {
      response.end(`<form method="POST" action="${submitUrl}" enctype="text/plain">
        <input name='{"prompt":"${marker} form","num_images":4,"x":"' value='"}'></form>
        <script>document.forms[0].submit()</script>`);
    } else {
      response.end(`<script>
        fetch(${JSON.stringify(submitUrl)}, { method: "POST", mode: "no-cors", credentials: "include",
          headers: { "content-type": "text/plain" }, body: JSON.stringify({ prompt: "${marker} no-cors" }) }).catch(() => {});
        fetch(${JSON.stringify(submitUrl)}, { method: "POST", credentials: "include",
          headers: { "content-type": "application/json" }, body: JSON.stringify({ prompt: "${marker} cors" }) })
          .then(() => (document.title = "sent"), () => (document.title = "blocked"));
      </script>`);
    }
  });
  // Served as localhost: another site than 127.0.0.1, where the playground is.
  const attackerUrl = attacker.url.replace("127.0.0.1", "localhost");
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await new LoginPage(page).signIn(E2E_ACCESS_TOKEN);
    await expect(page).toHaveURL(`${baseURL}/`);

    const formAnswer = page.waitForResponse((response) => response.url() === submitUrl);
    await page.goto(`${attackerUrl}/form`);
    expect((await formAnswer).status()).toBe(415);

    await page.goto(`${attackerUrl}/scripts`);
    await expect(page).toHaveTitle("blocked");

    expect(await runsMentioning(marker)).toEqual([]);
  } finally {
    await context.close();
    await attacker.close();
  }
});

test("a request riding on the session cookie needs this site's Origin or Sec-Fetch-Site", async ({ browser, baseURL }) => {
  const marker = `cookie-${Date.now().toString(36)}`;
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await new LoginPage(page).signIn(E2E_ACCESS_TOKEN);
    await expect(page).toHaveURL(`${baseURL}/`);
    const [session] = await context.cookies();
    const cookie = `${session!.name}=${session!.value}`;
    const submit = (headers: Record<string, string>, what: string) =>
      rawRequest(`${ACCESS_URL}/api/predictions`, {
        method: "POST",
        headers: { ...JSON_TYPE, cookie, ...headers },
        body: JSON.stringify({ prompt: `${marker} ${what}` }),
      });

    for (const [headers, what] of [
      [{}, "no origin"],
      [{ origin: "https://evil.example" }, "evil origin"],
      [{ "sec-fetch-site": "cross-site" }, "cross-site"],
      [{ "sec-fetch-site": "same-site" }, "same-site"],
      [{ origin: "null" }, "null origin"],
    ] as const) {
      const refused = await submit(headers, what);
      expect(refused.status, what).toBe(403);
      expect(JSON.parse(refused.body), what).toMatchObject({ code: 403, data: null, error_code: "forbidden" });
    }
    expect(await runsMentioning(marker)).toEqual([]);

    // The same cookie from this site's own page is the owner.
    expect((await submit({ origin: ACCESS_URL }, "own origin")).status).toBe(201);
    expect((await submit({ "sec-fetch-site": "same-origin" }, "same origin")).status).toBe(201);
    // And every state change needs JSON, sign-in included.
    const signIn = await rawRequest(`${ACCESS_URL}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${E2E_ACCESS_TOKEN}`,
    });
    expect(signIn.status).toBe(415);
    expect(JSON.parse(signIn.body)).toMatchObject({ code: 415, error_code: "unsupported_media_type" });
  } finally {
    await context.close();
  }
});
