import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";
import { SharePage } from "./pages/share-page";

const unique = (text: string) => `${text} (${test.info().testId}-${Date.now().toString(36)})`;

test.describe("share page", () => {
  test("opens in a fresh browser with prompt, seed, images and link-preview tags, and reuses the settings", async ({
    page,
    browser,
    baseURL,
  }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const prompt = unique("A tram crossing a bridge at night");
    await playground.fill({ prompt, aspectRatio: "16:9", images: 2 });
    await playground.generate();
    const run = playground.newestRun();
    await run.waitUntilCompleted();
    const seed = await run.seed();
    const href = await run.shareLink.getAttribute("href");
    expect(href).toMatch(/^\/p\/[\w-]+$/);

    // Someone else: no cookies, no storage, no cache of this tab.
    const stranger = await browser.newContext({ baseURL });
    try {
      const share = new SharePage(await stranger.newPage());
      const response = await share.page.goto(href ?? "");
      expect(response?.status()).toBe(200);
      await expect(share.prompt).toHaveText(prompt);
      await expect(share.seed).toHaveText(seed);
      await expect(share.images).toHaveCount(2);
      await expect(share.images.first()).toHaveJSProperty("naturalWidth", 1392);
      await expect(share.images.first()).toHaveJSProperty("naturalHeight", 752);

      const ogImage = await share.metaContent("property", "og:image");
      expect(ogImage).toMatch(/^https?:\/\/[^/]+\/api\/cards\/p\/[\w-]+\.png\?v=/);
      expect(await share.metaContent("name", "twitter:card")).toBe("summary_large_image");
      expect(await share.metaContent("property", "og:title")).toContain("A tram crossing a bridge");

      await share.useSettings.click();
      await expect(share.page).toHaveURL(/\/\?/);
      const prefilled = new PlaygroundPage(share.page);
      await expect(prefilled.prompt).toHaveValue(prompt);
      await expect(prefilled.seed).toHaveValue(seed);
      await expect(prefilled.aspectRatio("16:9")).toBeChecked();
      await expect(prefilled.numberOfImages(2)).toBeChecked();
    } finally {
      await stranger.close();
    }
  });

  test("an unknown id is a 404 page", async ({ page }) => {
    const response = await page.goto("/p/no-such-prediction");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "No such generation" })).toBeVisible();
  });
});
