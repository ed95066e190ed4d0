import { expect, test } from "@playwright/test";
import { waitUntilHydrated } from "../pages/hydrated";
import { submit, uniqueToken } from "./upstream";

const seconds = (text: string | null) => Number(/^(\d+\.\d) s/.exec(text ?? "")?.[1] ?? Number.NaN);

test("a queued run shows its place in line and no clock; once it runs, its clock counts from then, not from the submit", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const token = uniqueToken("queue-clock");
  // Three long runs take the three places upstream (WAVESPEED_MAX_CONCURRENCY).
  for (const n of [0, 1, 2]) await submit(request, { prompt: `${token} a lighthouse ${n} [duration:30000]` });

  await page.goto("/");
  await waitUntilHydrated(page);
  await page.getByLabel("Prompt", { exact: true }).fill(`${token} a waiting lighthouse [duration:20000]`);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const card = page.getByTestId("session-runs").getByTestId("run-card").filter({ hasText: "a waiting lighthouse" });

  await expect(card.getByRole("status")).toContainText("queued");
  const queuedFrom = Date.now();
  await expect(card.getByTestId("run-queue-position")).toHaveText(/^(next in line|\d+ ahead in the queue)$/);
  // While it waits, the place in line is all it says about time.
  await expect(card.getByTestId("run-elapsed")).toHaveText("");

  await expect(card.getByRole("status")).toContainText("processing", { timeout: 90_000 });
  const waited = (Date.now() - queuedFrom) / 1000;
  expect(waited).toBeGreaterThan(3);
  await expect(card.getByTestId("run-elapsed")).toHaveText(/^\d+\.\d s/);
  // Counted from the moment it left the queue: well short of the time it spent waiting.
  expect(seconds(await card.getByTestId("run-elapsed").textContent())).toBeLessThan(waited);
  await expect(card.getByTestId("run-queue-position")).toHaveCount(0);
});
