import { expect, test } from "@playwright/test";
import { rawRequest } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN } from "@/testing/ports";
import { LoginPage } from "../pages/login-page";
import { ACCESS_URL, OWNER } from "./api-client";

/** `/login?next=…` as the owner opens it: the server sends them straight on. */
const loginAsOwner = (next: string) => rawRequest(`${ACCESS_URL}/login?next=${next}`, { headers: OWNER });

test("/login sends a signed-in owner only to a place on this site, and never puts a control character in Location", async () => {
  expect((await loginAsOwner(encodeURIComponent("/history?q=fox"))).headers.location).toBe("/history?q=fox");
  // A browser drops the tab and reads `/\t/evil.example` as `//evil.example`: another site.
  for (const next of [
    "%2F%09%2Fevil.example",
    "/%09/evil.example",
    "%2F%5Cevil.example",
    "%2F%2Fevil.example",
    "https://evil.example/",
    // Dot segments that leave a path beginning `//`.
    "%2F.%2F%2Fevil.example",
    "/x/..//evil.example/p",
    "/%252e//evil.example",
  ]) {
    const answer = await loginAsOwner(next);
    expect(answer.status, next).toBe(307);
    expect(answer.headers.location, next).toBe("/");
  }
  // Newlines in the path once made a 500 ("Invalid character in header content").
  for (const next of ["/%0a/x", "%2F%0d%0aSet-Cookie:%20stolen=1", "/x%0d%0a%0d%0a%3Ch1%3E"]) {
    const answer = await loginAsOwner(next);
    expect(answer.status, next).toBe(307);
    expect(answer.headers.location, next).toMatch(/^\/[^\r\n]*$/);
    expect(answer.headers["set-cookie"], next).toBeUndefined();
  }
});

test("the sign-in form goes on to a safe place only", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent("/\t/evil.example")}`);
    await new LoginPage(page).signIn(E2E_ACCESS_TOKEN);
    await expect(page).toHaveURL(`${baseURL}/`);
  } finally {
    await context.close();
  }
});
