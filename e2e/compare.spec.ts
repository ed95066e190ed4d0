import { type APIRequestContext, expect, test } from "@playwright/test";
import sharp from "sharp";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { openCompare } from "./pages/compare-page";
import { HistoryPage } from "./pages/history-page";
import { waitUntilHydrated } from "./pages/hydrated";
import { PlaygroundPage } from "./pages/playground-page";
import { uniqueToken, waitForTerminal } from "./wavespeed/upstream";

async function completed(request: APIRequestContext, body: object): Promise<PredictionView> {
  const created = predictionViewSchema.parse(await (await request.post("/api/predictions", { data: body })).json());
  return waitForTerminal(request, created.id);
}

test("three images picked from history are compared side by side, with the differing rows highlighted", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const token = uniqueToken("compare");
  const a = await completed(request, { prompt: `${token} a red fox in the snow`, seed: 1 });
  const b = await completed(request, { prompt: `${token} a red fox in the snow`, seed: 2 });
  const c = await completed(request, { prompt: `${token} a blue fox in the snow`, seed: 1, guidance_scale: 5 });

  const history = new HistoryPage(page);
  await history.goto({ q: token });
  for (const view of [a, b, c]) {
    const select = page
      .locator(`[data-testid="history-entry"][data-id="${view.id}"]`)
      .getByRole("button", { name: "Select image 1 for compare" });
    // The owner's image actions are a part of their own: in the server's HTML before they hydrate.
    await expect(select).toHaveAttribute("data-ready", "true");
    await select.click();
  }
  const tray = page.getByTestId("selection-tray");
  await expect(tray.getByRole("img")).toHaveCount(3);
  await tray.getByRole("link", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?i=${a.id}\\.0&i=${b.id}\\.0&i=${c.id}\\.0$`));

  const panes = page.getByTestId("compare-pane");
  await expect(panes).toHaveCount(3);
  const row = (field: string) => page.locator(`[data-testid="diff-row"][data-field="${field}"]`);
  for (const field of ["prompt", "seed", "guidance_scale"]) await expect(row(field)).toHaveAttribute("data-differs", "true");
  for (const field of ["aspect_ratio", "safety_tolerance", "size", "engine"])
    await expect(row(field)).toHaveAttribute("data-differs", "false");
  await expect(row("seed").locator("td")).toHaveText(["1", "2", "1"]);
  await expect(page.getByTestId("diff-row").filter({ hasText: "differs" })).toHaveCount(3);
  // The third prompt against the first, word by word.
  const diff = row("prompt").locator("td").nth(2).getByTestId("prompt-diff");
  await expect(diff.locator("ins")).toHaveText(["blue"]);
  await expect(diff.locator("del")).toHaveText(["red"]);

  // 2 focuses the second image alone; 2 again brings all three back.
  await page.keyboard.press("2");
  await expect(panes).toHaveCount(1);
  await expect(panes.first()).toBeFocused();
  await expect(panes.first()).toHaveAttribute("aria-label", "Image 2");
  await page.keyboard.press("2");
  await expect(panes).toHaveCount(3);

  // Zoom is shared: every image carries the same transform.
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(page.getByTestId("zoom-level")).toHaveText("150%");
  const transforms = await page
    .getByTestId("compare-image")
    .evaluateAll((images) => images.map((image) => (image as HTMLElement).style.transform));
  expect(new Set(transforms).size).toBe(1);
  expect(transforms[0]).toContain("scale(1.5)");
});

test("two images get a slider moved by the arrow keys, a blink toggle, and a Tweak that records its origin", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const token = uniqueToken("slider");
  const a = await completed(request, { prompt: `${token} a castle`, seed: 10 });
  const b = await completed(request, { prompt: `${token} a castle at night`, seed: 10 });
  await openCompare(page, a, b);

  await page.getByRole("radio", { name: "Slider" }).check();
  const slider = page.getByTestId("split-handle");
  await expect(slider).toHaveAttribute("aria-valuenow", "50");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuenow", "60");
  await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveAttribute("aria-valuenow", "55");
  await expect(page.getByTestId("split-clip")).toHaveAttribute("style", /inset\(0px 45% 0px 0px\)|inset\(0 45% 0 0\)/);

  await page.getByRole("radio", { name: "Blink" }).check();
  await page.getByRole("button", { name: "Pause blinking" }).click();
  const blink = page.getByTestId("compare-blink");
  const before = await blink.getAttribute("data-shown");
  await page.getByRole("button", { name: /^Show image/ }).click();
  await expect(blink).not.toHaveAttribute("data-shown", before!);

  // The link is shareable as is.
  const copied = await (await request.get(`/compare?i=${a.id}.0&i=${b.id}.0`)).text();
  expect(copied).toContain(`${token} a castle at night`);

  // Tweak opens the playground with these settings; the run made is a tweak of it.
  await page.getByRole("radio", { name: "Side by side" }).check();
  await page.getByTestId("compare-pane").nth(1).getByRole("link", { name: "Tweak" }).click();
  const playground = new PlaygroundPage(page);
  await waitUntilHydrated(page);
  await expect(playground.prompt).toHaveValue(`${token} a castle at night`);
  await expect(page.getByTestId("parent-notice")).toContainText("tweak");
  await playground.fill({ prompt: `${token} a castle at dawn` });
  await playground.generate();
  const run = playground.newestRun();
  await run.waitUntilCompleted();
  await expect(run.root.getByTestId("lineage-chip")).toHaveText(`tweak of #${b.id.slice(0, 4)} · prompt changed`);
});

test("a compare link previews its images as a 1200×630 card", async ({ page, request }) => {
  const token = `${test.info().testId}-${Date.now().toString(36)}`;
  const first = await completed(request, { prompt: `${token} a red door`, seed: 1 });
  const second = await completed(request, { prompt: `${token} a red door`, seed: 2 });
  await openCompare(page, first, second);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const description = await page.locator('meta[name="description"]').getAttribute("content");
  expect(description).toContain("seed 1");
  const card = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(card).toMatch(/\/api\/cards\/compare\.png\?/);
  const answer = await request.get(card!);
  expect(answer.headers()["content-type"]).toBe("image/png");
  expect(await sharp(await answer.body()).metadata()).toMatchObject({ width: 1200, height: 630 });
});
