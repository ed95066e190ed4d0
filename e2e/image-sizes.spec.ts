import { expect, type Page, test } from "@playwright/test";
import { completedRun, uniqueToken, waitForTerminal } from "./wavespeed/upstream";

/**
 * Every image of a feed, loaded, with the width of the file it loaded (read back from the file the
 * browser chose: `currentSrc`) and the width it is shown at, in CSS pixels (the page's scale is 1).
 */
async function loadedImages(page: Page, selector: string) {
  // Down the page a screen at a time, as a reader goes, so lazy images load as they are shown.
  await page.evaluate(async (css) => {
    const settled = () =>
      [...document.querySelectorAll<HTMLImageElement>(css)].every((image) => {
        const rect = image.getBoundingClientRect();
        return rect.bottom < 0 || rect.top > innerHeight || image.complete;
      });
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      for (let frames = 0; frames < 600 && !settled(); frames++) await new Promise(requestAnimationFrame);
    }
  }, selector);
  return page.evaluate(
    async (css) =>
      Promise.all(
        [...document.querySelectorAll<HTMLImageElement>(css)]
          .filter((image) => image.currentSrc && image.getBoundingClientRect().width > 0)
          .map(async (image) => {
            const file = new Image();
            file.src = image.currentSrc;
            await file.decode();
            return { src: image.currentSrc, file: file.naturalWidth, shown: image.getBoundingClientRect().width };
          }),
      ),
    selector,
  );
}

const IMAGES = "[data-testid='result-image'], [data-testid='history-thumb'], [data-testid='sweep-tile']";

for (const size of [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
]) {
  test(`the feed, its compact grid, a sweep's mosaic and the history load no image more than twice its shown width (${size.width} px)`, async ({
    request,
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const token = uniqueToken("sizes");
    await completedRun(request, { prompt: `${token} a wide harbour`, aspect_ratio: "21:9" });
    await completedRun(request, { prompt: `${token} three towers`, num_images: 3, aspect_ratio: "9:16" });
    const sweep = await (
      await request.post("/api/sweeps", {
        data: { base: { prompt: `${token} a grid` }, x: { field: "seed", values: [1, 2, 3, 4] } },
      })
    ).json();
    for (const cell of sweep.cells) await waitForTerminal(request, cell.id);

    // Each view in a browser of its own: a cache holding the larger copies another view loaded would
    // be used as it is, which loads nothing new, and says nothing of this view.
    const check = async (where: string, path: string, density = "comfortable") => {
      const context = await browser.newContext({ baseURL, viewport: size });
      await context.addCookies([{ name: "kontext.density", value: density, url: baseURL! }]);
      const fresh = await context.newPage();
      // The server draws the list at the browser's density, so no image starts loading at the other layout's size.
      const html = await (await fresh.request.get(path)).text();
      if (path === "/") expect(html).toContain(`data-density="${density}"`);
      await fresh.goto(path);
      await expect(fresh.locator(IMAGES).first()).toBeVisible();
      const images = await loadedImages(fresh, IMAGES);
      expect(images.length, where).toBeGreaterThan(0);
      for (const image of images)
        expect(image.file, `${where}: ${image.src} shown ${image.shown} px`).toBeLessThanOrEqual(2 * image.shown + 1);
      await context.close();
    };
    await check("feed", "/");
    await check("compact", "/", "compact");
    await check("history", "/history");
  });
}
