import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { SWEEP_CELL_CANCELLED } from "@/lib/domain";
import { sweepViewSchema } from "@/lib/playground-api";
import { PlaygroundPage } from "./pages/playground-page";
import { uniqueToken } from "./wavespeed/upstream";

test("a 3×3 sweep of seeds by guidance fills a labelled grid, and its PNG has the grid's size", async ({ page, request }) => {
  test.setTimeout(180_000);
  const playground = new PlaygroundPage(page);
  await playground.goto();
  const prompt = `A lighthouse on a cliff ${uniqueToken("sweep")}`;
  await playground.fill({ prompt });
  await page.getByLabel("Sweep: a grid over one or two parameters").check();
  const panel = page.getByTestId("sweep-panel");
  await panel.getByLabel("Across (X) parameter").selectOption("seed");
  await panel.getByRole("radio", { name: "A list" }).first().check();
  await panel.getByLabel("Across (X): seeds, comma separated").fill("11, 22, 33");
  await panel.getByLabel("Down (Y) parameter").selectOption("guidance_scale");
  await panel.getByLabel("Down (Y): guidance values, comma separated").fill("2, 4, 6");
  // The size and the price are known before anything runs.
  await expect(panel.getByTestId("sweep-summary")).toHaveText("3 × 3 = 9 cells · 9 images · free on the local engine");
  await page.getByRole("button", { name: "Run sweep" }).click();

  await expect(page).toHaveURL(/\/s\/[0-9a-f]{32}$/);
  await expect(page.getByTestId("sweep-x-label")).toHaveText(["11", "22", "33"]);
  await expect(page.getByTestId("sweep-y-label")).toHaveText(["2.0", "4.0", "6.0"]);
  const cells = page.getByTestId("sweep-cell");
  await expect(cells).toHaveCount(9);
  await expect(page.locator('[data-testid="sweep-cell"][data-state="completed"]')).toHaveCount(9, { timeout: 90_000 });
  await expect(page.getByTestId("sweep-progress")).toHaveText("9 of 9 cells");
  // Row by row, column by column: each cell holds its column's seed and its row's guidance.
  const values = await cells.evaluateAll((list) =>
    list.map((cell) => [cell.getAttribute("data-seed"), cell.getAttribute("data-guidance")]),
  );
  expect(values).toEqual(["2", "4", "6"].flatMap((guidance) => ["11", "22", "33"].map((seed) => [seed, guidance])));

  // A cell opens the lightbox.
  await cells.nth(4).getByRole("button", { name: "Open 22 · 4.0" }).click();
  await expect(page.getByRole("dialog", { name: "Image 1 of 1" })).toContainText("22");
  await page.keyboard.press("Escape");

  // The grid as one PNG: 3 columns of 256 px with 8 px gaps, the row labels' 120 px and 24 px margins, a one-line caption.
  const download = page.getByRole("link", { name: "Download grid PNG" });
  const png = await (await request.get((await download.getAttribute("href"))!)).body();
  const meta = await sharp(png).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 952, 930]);
  // Its link preview is a 1200×630 card of the sweep.
  const card = page.locator('meta[property="og:image"]');
  await expect(card).toHaveAttribute("content", /\/api\/cards\/s\/[0-9a-f]{32}\.png\?v=/);
  const cardPng = await (await request.get((await card.getAttribute("content"))!)).body();
  expect(await sharp(cardPng).metadata()).toMatchObject({ format: "png", width: 1200, height: 630 });
});

test("cancelling mid-way drops the cells not yet sent; those sent finish, and Retry offers the rest", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // 64 cells of four images each, cancelled the moment the local engine has taken its first: it holds at most two.
  const created = await request.post("/api/sweeps", {
    data: {
      base: { prompt: `A harbour at dusk ${uniqueToken("cancel")}`, num_images: 4 },
      x: { field: "seed", random: 8 },
      y: { field: "aspect_ratio", values: ["21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16"] },
    },
  });
  expect(created.status()).toBe(201);
  const sweep = sweepViewSchema.parse(await created.json());
  // The server is shared: other tests' runs may hold the engine's places for a while.
  await expect
    .poll(
      async () => {
        const view = sweepViewSchema.parse(await (await request.get(`/api/sweeps/${sweep.id}`)).json());
        return view.cells.some((cell) => cell.status !== "created");
      },
      { timeout: 60_000, intervals: [50] },
    )
    .toBe(true);
  const cancel = await request.post(`/api/sweeps/${sweep.id}/cancel`, { data: {} });
  expect(cancel.status()).toBe(200);

  await page.goto(`/s/${sweep.id}`);
  await expect(page.getByRole("button", { name: /^Retry failed cells \(\d+\)$/ })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("sweep-progress")).toContainText("64 of 64 cells");
  await expect(page.getByTestId("sweep-progress")).toContainText("cancelled");

  const after = sweepViewSchema.parse(await (await request.get(`/api/sweeps/${sweep.id}`)).json());
  const cancelled = after.cells.filter((cell) => cell.error === SWEEP_CELL_CANCELLED);
  const done = after.cells.filter((cell) => cell.status === "completed");
  expect(done.length).toBeGreaterThan(0);
  expect(cancelled.length).toBeGreaterThan(32);
  expect(done.length + cancelled.length).toBe(64);
  expect(done.every((cell) => cell.outputs.length === 4)).toBe(true);
  expect(cancelled.every((cell) => cell.outputs.length === 0)).toBe(true);
  expect(after.cancelledAt).not.toBeNull();
  await expect(page.locator('[data-testid="sweep-cell"][data-state="cancelled"]')).toHaveCount(cancelled.length);
  await expect(page.locator('[data-testid="sweep-cell"][data-state="completed"]')).toHaveCount(done.length);
  await expect(page.getByRole("button", { name: `Retry failed cells (${cancelled.length})` })).toBeVisible();
});
