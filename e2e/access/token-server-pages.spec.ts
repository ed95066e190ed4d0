import { expect, type Page, test } from "@playwright/test";
import { EDIT_PATH, errorEnvelopeSchema } from "@/lib/contract";
import { E2E_ACCESS_TOKEN } from "@/testing/ports";
import { LoginPage } from "../pages/login-page";
import { OWNER } from "./api-client";

/** Errors the page itself reports: React's (a hydration mismatch is #418), uncaught ones. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

test("on a server with a token, the owner's history and playground hydrate without an error", async ({ page, request }) => {
  test.setTimeout(120_000);
  const prompt = `hydration ${Date.now().toString(36)}`;
  const created = await request.post("/api/predictions", {
    data: { prompt },
    headers: OWNER,
  });
  expect(created.status()).toBe(201);

  const errors = pageErrors(page);
  await page.goto("/login?next=%2Fhistory");
  await new LoginPage(page).signIn(E2E_ACCESS_TOKEN);
  await expect(page).toHaveURL(/\/history$/);
  // Full loads, each hydrated afresh, with the owner's controls shown once the session is known.
  for (const path of ["/history", "/", "/history"]) {
    await page.goto(path);
    await expect(page.locator('form[data-ready="true"]').first()).toBeVisible({ timeout: 45_000 });
    await expect(page.getByRole("link", { name: "History", exact: true })).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test("a refused image URL is explained in words, without naming a setting of the server", async ({ request }) => {
  const response = await request.post(EDIT_PATH, {
    data: { prompt: "make it night", image: "https://127.0.0.1:1/a.png" },
    headers: OWNER,
  });
  expect(response.status()).toBe(400);
  const { message } = errorEnvelopeSchema.parse(await response.json());
  expect(message).toMatch(/only from public https addresses/);
  expect(message).not.toMatch(/[A-Z]{3,}_[A-Z_]{3,}/);
});
