import type { Page } from "@playwright/test";
import { waitUntilHydrated } from "./hydrated";

/**
 * Opens `/compare` on the first image of each run, once its controls work: the server renders them,
 * and a click or key before hydration changes nothing.
 */
export async function openCompare(page: Page, ...runs: Array<{ id: string }>) {
  await page.goto(`/compare?${runs.map((run) => `i=${run.id}.0`).join("&")}`);
  await waitUntilHydrated(page, 'section[aria-label="Images compared"]');
}
