import { type Browser, expect, type Page, test } from "@playwright/test";
import { axeViolations } from "../pages/axe";
import { SharePage } from "../pages/share-page";
import { ACCESS_URL, imagePathOf, ownerPrediction } from "./api-client";

/** A guest: no session, on the playground with an owner. */
async function guest(browser: Browser, options: { width?: number; dark?: boolean } = {}) {
  const context = await browser.newContext({
    baseURL: ACCESS_URL,
    viewport: { width: options.width ?? 1280, height: options.width && options.width < 640 ? 812 : 800 },
    colorScheme: options.dark ? "dark" : "light",
    permissions: ["clipboard-read", "clipboard-write"],
  });
  return { context, page: await context.newPage() };
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test.describe("a guest's share page", () => {
  test.describe.configure({ timeout: 120_000 });

  test("offers what a guest can use: copy the prompt, copy the settings as a client would send them, download", async ({
    browser,
  }) => {
    const prompt = `A lantern on a jetty ${Date.now().toString(36)}`;
    const root = await ownerPrediction({ prompt, seed: 77, num_images: 2, aspect_ratio: "3:2" });
    const child = await ownerPrediction({ prompt: `${prompt} at dawn`, seed: 78, parent: { id: root.id, kind: "rerun" } });
    const { context, page } = await guest(browser);
    await page.goto(`/p/${root.id}`);
    await expect(page.getByTestId("share-prompt")).toHaveText(prompt);
    const actions = page.getByTestId("share-actions");
    await expect(actions.getByRole("link", { name: /^Download image/ })).toHaveCount(2);

    await new SharePage(page).copyButton("Copy prompt").click();
    await expect.poll(() => clipboard(page)).toBe(prompt);
    await new SharePage(page).copyButton("Copy settings").click();
    await expect
      .poll(async () => JSON.parse(await clipboard(page)))
      .toEqual({
        prompt,
        aspect_ratio: "3:2",
        num_images: 2,
        guidance_scale: root.input.guidance_scale,
        safety_tolerance: root.input.safety_tolerance,
        seed: 77,
      });

    // Nothing a guest cannot use: no playground, no owner actions, no thread in history or its export.
    for (const name of ["Use these settings", "Make your own", "The whole thread in history", "Export this thread"])
      await expect(page.getByRole("link", { name })).toHaveCount(0);
    for (const name of ["Re-run", "Vary seed", "Delete", "Add note"])
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    // The lineage is still there to follow.
    await expect(page.getByTestId("children").getByTestId("family-link")).toHaveCount(1);
    // No empty note section: a run without a note has none for a guest.
    await expect(page.getByTestId("note")).toHaveCount(0);
    expect(child.id).toBeTruthy();
    await context.close();
  });

  test("on a phone the download buttons keep their icon and words", async ({ browser }) => {
    const view = await ownerPrediction({ prompt: `Four kites ${Date.now().toString(36)}`, num_images: 4 });
    const { context, page } = await guest(browser, { width: 375 });
    await page.goto(`/p/${view.id}`);
    const downloads = page.getByTestId("share-download");
    await expect(downloads).toHaveCount(4);
    for (const download of await downloads.all()) {
      const icon = (await download.locator("svg").boundingBox())!;
      expect(icon.width).toBeGreaterThanOrEqual(15);
      const box = (await download.boundingBox())!;
      // Whole on the screen, not pushed past its edge.
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      await expect(download).toContainText(/Download image \d/);
    }
    await context.close();
  });

  test("a settings link previews its setup for a guest and a crawler, and offers the way to sign in", async ({
    browser,
    request,
  }) => {
    const prompt = `A paper boat on a puddle ${Date.now().toString(36)}`;
    const link = `/?prompt=${encodeURIComponent(prompt)}&seed=12&ar=16%3A9`;
    // A crawler: no cookie, no redirect followed.
    const crawled = await request.get(`${ACCESS_URL}${link}`, { maxRedirects: 0 });
    expect(crawled.status()).toBe(200);
    const html = await crawled.text();
    expect(html).toContain(`<meta property="og:title" content="${prompt}"/>`);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    // Nothing of the playground's: its form, its history.
    expect(html).not.toContain("<form");
    expect(html).toContain('data-testid="settings-link-guest"');

    const { context, page } = await guest(browser);
    await page.goto(link);
    await expect(page).toHaveURL(new RegExp(`^${ACCESS_URL}/\\?prompt=`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(prompt);
    await expect(page.getByTestId("settings-link-guest")).toContainText("12");
    await page.getByRole("link", { name: "Sign in to make your own" }).click();
    await expect(page).toHaveURL(/\/login\?next=/);
    await context.close();
  });

  for (const width of [1280, 375])
    for (const dark of [false, true])
      test(`has no accessibility violations for a guest, a text-to-image run and an edit (${width} px, ${dark ? "dark" : "light"})`, async ({
        browser,
      }) => {
        test.slow();
        const original = await ownerPrediction({ prompt: `A quiet harbour ${Date.now().toString(36)}`, num_images: 2 });
        const edit = await ownerPrediction({
          prompt: "make it night",
          image: imagePathOf(original),
          parent: { id: original.id, kind: "edit" },
        });
        const { context, page } = await guest(browser, { width, dark });
        for (const id of [original.id, edit.id]) {
          await page.goto(`/p/${id}`);
          await expect(page.getByTestId("share-actions")).toBeVisible();
          expect(await axeViolations(page), id).toEqual([]);
        }
        await page.goto(`/?prompt=${encodeURIComponent("a setup")}`);
        await expect(page.getByTestId("settings-link-guest")).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
        await context.close();
      });
});
