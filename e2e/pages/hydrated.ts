import { expect, type Page } from "@playwright/test";

/**
 * Until a page's scripts have run, a click on a form's button is a plain form submit; each form marks
 * itself `data-ready` once hydrated. With browsers, servers and renders sharing 2 cores in CI, that
 * can take most of a minute.
 */
export async function waitUntilHydrated(page: Page, form = "form") {
  await expect(page.locator(`${form}[data-ready="true"]`)).toBeVisible({ timeout: 45_000 });
}
