import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import type { PredictionRequest } from "@/lib/contract";
import { E2E_PORTS } from "@/testing/ports";
import { startPlayground } from "@/testing/server-process";
import { ConfirmDialog, undoButton } from "./pages/confirm-dialog";
import { HistoryPage } from "./pages/history-page";
import { SharePage } from "./pages/share-page";
import { submit, uniqueToken, waitForTerminal } from "./wavespeed/upstream";

/**
 * The server is shared with tests running alongside, so every prompt here
 * carries a token of its own test and each view is narrowed to that token.
 */
async function create(request: APIRequestContext, prompt: string, settings: Partial<PredictionRequest> = {}) {
  return waitForTerminal(request, (await submit(request, { prompt, ...settings })).id);
}

test.describe("history", () => {
  test("lists predictions newest first, server-rendered, with thumbnails and never the originals", async ({ page, request }) => {
    const token = uniqueToken("order");
    const first = await create(request, `${token} a lighthouse in fog`);
    const second = await create(request, `${token} a market at noon`, { num_images: 2, aspect_ratio: "16:9" });
    const third = await create(request, `${token} a fox in the snow`);

    // The first page is in the server's HTML: it paints without a round trip.
    const html = await (await request.get(`/history?q=${encodeURIComponent(token)}`)).text();
    expect(html).toContain(`${token} a fox in the snow`);

    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL(/\/history$/);
    await expect(page.getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");

    const history = new HistoryPage(page);
    await history.goto({ q: token });
    await expect(history.entries).toHaveCount(3);
    expect(await history.prompts()).toEqual([third, second, first].map((view) => view.input.prompt));

    const market = history.entry(second.input.prompt);
    await expect(market.status).toHaveText("completed");
    await expect(market.root).toContainText("16:9");
    await expect(market.root).toContainText("2 images");
    await expect(market.root).toContainText(`seed ${second.input.seed}`);
    await market.waitForThumbnails(2);
    for (const [index, thumb] of (await market.thumbs.all()).entries()) {
      await expect(thumb).toHaveAttribute("src", new RegExp(`/api/thumbs/${second.id}/${index}\\.webp$`));
      expect(await thumb.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeLessThanOrEqual(384);
    }
    await expect(page.locator('img[src*="/api/images/"]')).toHaveCount(0);
    // The local preview engine costs nothing.
    await expect(history.totalCost).toHaveText("$0.00");
  });

  test("search narrows the list, lives in the URL and survives a reload", async ({ page, request }) => {
    const token = uniqueToken("search");
    await create(request, `${token} harbour at dusk`);
    await create(request, `${token} tram in the rain`);
    const history = new HistoryPage(page);
    await history.goto({ q: token });
    await expect(history.entries).toHaveCount(2);

    await history.search.fill(`${token} HARBOUR`);
    await expect(history.entries).toHaveCount(1);
    await expect(history.entry(`${token} harbour at dusk`).root).toBeVisible();
    await expect.poll(() => history.filtersInUrl()).toEqual({ q: `${token} HARBOUR`, status: null });

    await page.reload();
    await history.waitUntilReady();
    await expect(history.search).toHaveValue(`${token} HARBOUR`);
    await expect(history.entries).toHaveCount(1);

    await history.search.fill(`${token} zeppelin`);
    await expect(history.noMatches).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(history.search).toHaveValue("");
    await expect.poll(() => history.filtersInUrl()).toEqual({ q: null, status: null });
  });

  test("the status filter shows only failed predictions, with their error", async ({ page, playwright }) => {
    // Only the WaveSpeed engine fails on request: its fake upstream follows directives in the prompt.
    const origin = `http://127.0.0.1:${E2E_PORTS.wavespeed}`;
    const wavespeed = await playwright.request.newContext({ baseURL: origin });
    try {
      const token = uniqueToken("status");
      const done = await create(wavespeed, `${token} a quiet pier [duration:0]`);
      const failed = await create(wavespeed, `${token} a broken pier [fail:1403,duration:0]`);
      expect([done.status, failed.status], `${done.error} / ${failed.error}`).toEqual(["completed", "failed"]);

      const history = new HistoryPage(page);
      await history.goto({ q: token }, origin);
      await expect(history.entries).toHaveCount(2);
      await history.status.selectOption("failed");
      await expect(history.entries).toHaveCount(1);
      const entry = history.entry(failed.input.prompt);
      await expect(entry.status).toHaveText("failed");
      await expect(entry.root).toContainText(failed.error);
      await expect(entry.thumbs).toHaveCount(0);
      await expect.poll(() => history.filtersInUrl()).toEqual({ q: token, status: "failed" });

      await page.reload();
      await history.waitUntilReady();
      await expect(history.status).toHaveValue("failed");
      await expect(history.entries).toHaveCount(1);
      // WaveSpeed bills $0.04 an image; this server has made at least the one above.
      const cost = Number((await history.totalCost.textContent())?.replace("$", ""));
      expect(cost).toBeGreaterThanOrEqual(0.04);
    } finally {
      await wavespeed.dispose();
    }
  });

  test("an entry opens its share page, by pointer and by keyboard", async ({ page, request }) => {
    const token = uniqueToken("open");
    const view = await create(request, `${token} a kite over dunes`);
    const history = new HistoryPage(page);
    await history.goto({ q: token });
    const entry = history.entry(view.input.prompt);

    // The whole card is the link: a click on the thumbnail (top left) opens it too.
    await entry.root.click({ position: { x: 24, y: 24 } });
    await expect(page).toHaveURL(new RegExp(`/p/${view.id}$`));
    await expect(new SharePage(page).prompt).toHaveText(view.input.prompt);

    await page.goBack();
    await history.waitUntilReady();
    await entry.link.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/p/${view.id}$`));
  });

  test("a flagged output is blurred in the history too, until revealed by pointer or keyboard", async ({ page, request }) => {
    const token = uniqueToken("nsfw");
    // The local engine flags any listed word at the strictest tolerance.
    const clicked = await create(request, `${token} a knight holding a gun`, { safety_tolerance: "1" });
    const typed = await create(request, `${token} a duel with a weapon`, { safety_tolerance: "1" });
    expect([clicked.outputs[0]?.nsfw, typed.outputs[0]?.nsfw]).toEqual([true, true]);
    const history = new HistoryPage(page);
    await history.goto({ q: token });

    for (const [view, how] of [
      [clicked, "pointer"],
      [typed, "keyboard"],
    ] as const) {
      const entry = history.entry(view.input.prompt);
      await expect(entry.thumbs.first()).toHaveClass(/blur/);
      if (how === "pointer") {
        await entry.reveal.click();
      } else {
        await entry.reveal.focus();
        await page.keyboard.press("Enter");
      }
      await expect(entry.reveal).toBeHidden();
      await expect(entry.thumbs.first()).not.toHaveClass(/blur/);
      // Revealing is not opening, and the keyboard moves on to the entry's link.
      await expect(page).toHaveURL(/\/history\?/);
      await expect(entry.link).toBeFocused();
    }
  });

  test("delete asks first, then removes the entry and its share page", async ({ page, request }) => {
    const token = uniqueToken("delete");
    const kept = await create(request, `${token} an old mill`);
    const doomed = await create(request, `${token} a paper boat`);
    const history = new HistoryPage(page);
    await history.goto({ q: token });
    const entry = history.entry(doomed.input.prompt);
    await entry.waitForThumbnails(1);

    const dialog = new ConfirmDialog(page);
    await entry.deleteButton.click();
    await dialog.cancel.click();
    await expect(history.entries).toHaveCount(2);

    await entry.deleteButton.click();
    await expect(dialog.root).toContainText("Delete this run?");
    await dialog.confirm("Delete").click();
    await expect(entry.root).toHaveCount(0);
    await expect(history.entries).toHaveCount(1);
    await expect(undoButton(page)).toBeHidden();
    // The keyboard is not dropped on the floor: focus moves to the next entry.
    await expect(history.entry(kept.input.prompt).link).toBeFocused();
    expect((await request.get(`/p/${doomed.id}`)).status()).toBe(404);

    await page.reload();
    await expect(history.entries).toHaveCount(1);
  });

  test("follows the event stream: a new prediction appears, a deleted one goes", async ({ page, request }) => {
    const token = uniqueToken("live");
    const history = new HistoryPage(page);
    await history.goto({ q: token });
    await expect(history.noMatches).toBeVisible();

    const view = await submit(request, { prompt: `${token} a comet over hills` });
    const entry = history.entry(view.input.prompt);
    await expect(entry.status).toHaveText("completed");
    // Loaded first: a delete racing the server's thumbnail render can answer 500 (ENOTEMPTY), a bug outside this view.
    await entry.waitForThumbnails(1);

    expect((await request.delete(`/api/predictions/${view.id}`)).status()).toBe(204);
    await expect(entry.root).toHaveCount(0);
    await expect(history.noMatches).toBeVisible();
  });

  test("scrolling, or the Load more button, reaches older entries", async ({ browser, playwright }) => {
    test.setTimeout(150_000);
    // 26 runs on the shared server would push other specs' runs off the playground's and history's first pages.
    const server = await startPlayground({
      port: E2E_PORTS.historyPaging,
      env: { KONTEXT_ENGINE: "local", DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, `history-paging-${Date.now()}`) },
    });
    const request = await playwright.request.newContext({ baseURL: server.url });
    const context = await browser.newContext({ baseURL: server.url });
    const bare = await browser.newContext({ baseURL: server.url });
    try {
      const token = uniqueToken("pages");
      const prompts = Array.from({ length: 26 }, (_, index) => `${token} lantern ${String(index + 1).padStart(2, "0")}`);
      // One after another, so the order of creation is the order of the prompts.
      const ids: string[] = [];
      for (const prompt of prompts) ids.push((await submit(request, { prompt })).id);
      // Finished first: paging is what this test is about, not 26 live updates on a page still hydrating.
      for (const id of ids) await waitForTerminal(request, id, 60_000);
      const oldest = prompts[0]!;

      const history = new HistoryPage(await context.newPage());
      await history.goto({ q: token });
      await expect(history.entries).toHaveCount(24);
      await expect(history.entry(oldest).root).toHaveCount(0);
      await history.loadMore.scrollIntoViewIfNeeded();
      await expect(history.entries).toHaveCount(26);
      await expect(history.entry(oldest).root).toBeVisible();
      await expect(history.loadMore).toHaveCount(0);

      // Without IntersectionObserver the button does it, and the keyboard lands on the first new entry.
      await bare.addInitScript(() => Reflect.deleteProperty(window, "IntersectionObserver"));
      const fallback = new HistoryPage(await bare.newPage());
      await fallback.goto({ q: token });
      await expect(fallback.entries).toHaveCount(24);
      await fallback.loadMore.focus();
      await fallback.page.keyboard.press("Enter");
      await expect(fallback.entries).toHaveCount(26);
      await expect(fallback.entry(prompts[1]!).link).toBeFocused();
    } finally {
      await Promise.all([context.close(), bare.close(), request.dispose()]);
      await server.stop();
    }
  });

  test.describe("on a 375 px phone in dark mode", () => {
    test.use({ viewport: { width: 375, height: 740 }, colorScheme: "dark" });

    test("fits the screen without sideways scrolling", async ({ page, request }) => {
      const token = uniqueToken("phone");
      await create(request, `${token} ${"a very long prompt about a winding mountain road ".repeat(8)}`, { num_images: 4 });
      const history = new HistoryPage(page);
      await history.goto({ q: token });
      await expect(history.entries).toHaveCount(1);
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expect(page.getByRole("link", { name: "History" })).toBeVisible();
    });
  });
});
