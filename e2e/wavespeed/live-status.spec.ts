import { expect, test } from "@playwright/test";
import { waitUntilHydrated } from "../pages/hydrated";
import { submit, uniqueToken, waitForTerminal } from "./upstream";

test("a running run shows its elapsed time against how long runs like it usually take", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = uniqueToken("expected");
  // Three finished 3-image runs of about a second and a half: what "usual" is for this page.
  const earlier = await Promise.all(
    [0, 1, 2].map((n) => submit(request, { prompt: `${token} a windmill ${n} [duration:1500]`, num_images: 3 })),
  );
  for (const run of earlier) expect((await waitForTerminal(request, run.id)).status).toBe("completed");

  await page.goto("/");
  await waitUntilHydrated(page);
  await page.getByLabel("Prompt", { exact: true }).fill(`${token} a slow windmill [duration:20000]`);
  await page.getByRole("radiogroup", { name: "Number of images" }).getByRole("radio", { name: "3", exact: true }).check();
  await page.getByRole("button", { name: "Generate", exact: true }).click();

  const card = page.getByTestId("session-runs").getByTestId("run-card").filter({ hasText: "a slow windmill" });
  // Its clock starts once it leaves the queue (other specs' runs may hold every place upstream a while).
  await expect(card.getByRole("status")).toContainText("processing", { timeout: 90_000 });
  await expect(card.getByTestId("run-elapsed")).toContainText(/of about \d+\.\d s/);
  // The placeholders have the shape the images will have.
  await expect(card.locator(".shimmer").first()).toBeVisible();
});

test("a queued run says where it is in line while the places upstream are taken", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = uniqueToken("queued");
  // Three long runs take the three places upstream (WAVESPEED_MAX_CONCURRENCY).
  for (const n of [0, 1, 2]) await submit(request, { prompt: `${token} a lighthouse ${n} [duration:25000]` });

  await page.goto("/");
  await waitUntilHydrated(page);
  await page.getByLabel("Prompt", { exact: true }).fill(`${token} a waiting lighthouse [duration:1000]`);
  await page.getByRole("button", { name: "Generate", exact: true }).click();

  const card = page.getByTestId("session-runs").getByTestId("run-card").filter({ hasText: "a waiting lighthouse" });
  await expect(card.getByRole("status")).toContainText("queued");
  await expect(card.getByTestId("run-queue-position")).toHaveText(/^(next in line|\d+ ahead in the queue)$/);
  // Once a place frees up it starts, and the line is no longer shown.
  await expect(card.getByTestId("run-queue-position")).toHaveCount(0, { timeout: 60_000 });
});
