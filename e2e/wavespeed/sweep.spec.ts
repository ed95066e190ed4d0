import { expect, test } from "@playwright/test";
import { SWEEP_CELL_CANCELLED } from "@/lib/domain";
import { sweepViewSchema } from "@/lib/playground-api";
import { ConfirmDialog } from "../pages/confirm-dialog";
import { waitUntilHydrated } from "../pages/hydrated";
import { uniqueToken, upstreamCalls } from "./upstream";

test("a sweep that costs money asks once with its total; Cancel stops the cells not yet sent upstream", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const token = uniqueToken("wsweep");
  await page.goto("/");
  await waitUntilHydrated(page);
  // Long tasks: with 3 allowed upstream at once, the other six cells wait here until Cancel.
  await page.getByLabel("Prompt", { exact: true }).fill(`A lighthouse ${token} [duration:20000]`);
  await page.getByLabel("Sweep: a grid over one or two parameters").check();
  const panel = page.getByTestId("sweep-panel");
  await panel.getByRole("radio", { name: "A list" }).first().check();
  await panel.getByLabel("Across (X): seeds, comma separated").fill("1, 2, 3");
  await panel.getByLabel("Down (Y) parameter").selectOption("guidance_scale");
  await panel.getByLabel("Down (Y): guidance values, comma separated").fill("2, 4, 6");
  await expect(panel.getByTestId("sweep-summary")).toHaveText("3 × 3 = 9 cells · 9 images · $0.36");

  // Declining the confirmation sends nothing.
  const runSweep = page.getByTestId("settings-column").getByRole("button", { name: "Run sweep" });
  const confirm = new ConfirmDialog(page);
  await runSweep.click();
  await expect(confirm.root).toContainText("Run this sweep?");
  await expect(confirm.root).toContainText("9 cells, 9 images, for $0.36");
  await confirm.cancel.click();
  await expect(confirm.root).toBeHidden();
  await expect(page).toHaveURL(/\/(\?.*)?$/);
  expect((await upstreamCalls(token)).submits).toHaveLength(0);

  // Asked once, with the total; confirmed, the sweep starts.
  await runSweep.click();
  await confirm.confirm("Run sweep").click();
  await expect(page).toHaveURL(/\/s\/[0-9a-f]{32}$/, { timeout: 30_000 });
  const id = page.url().split("/").pop()!;

  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(page.getByTestId("sweep-progress")).toContainText("cancelled");
  await expect(page.getByTestId("sweep-progress")).toHaveText(/^9 of 9 cells · \d cancelled$/, { timeout: 90_000 });

  const sweep = sweepViewSchema.parse(await (await request.get(`/api/sweeps/${id}`)).json());
  const cancelled = sweep.cells.filter((cell) => cell.error === SWEEP_CELL_CANCELLED);
  const completed = sweep.cells.filter((cell) => cell.status === "completed");
  expect(cancelled.length).toBeGreaterThanOrEqual(6);
  expect(completed.length + cancelled.length).toBe(9);
  // Only the cells that were sent reached the upstream, each once; the cancelled never did.
  const upstream = await upstreamCalls(token);
  expect(upstream.submits).toHaveLength(completed.length);
});
