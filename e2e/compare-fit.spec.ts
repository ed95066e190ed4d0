import { expect, test } from "@playwright/test";
import { openCompare } from "./pages/compare-page";
import { phoneContext, pointIn, touchGesture } from "./pages/gestures";
import { completedRun, uniqueToken } from "./wavespeed/upstream";

const zoomLevel = (page: import("@playwright/test").Page) => page.getByTestId("zoom-level");

test.describe("a compare on one screen", () => {
  test.describe.configure({ timeout: 120_000 });

  test("fits the screen by default, toggles to 100%, scrolls with a plain wheel and zooms with Ctrl+wheel", async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const token = uniqueToken("fit");
    const a = await completedRun(request, { prompt: `${token} a pier`, seed: 1, aspect_ratio: "1:1" });
    const b = await completedRun(request, { prompt: `${token} a pier at dusk`, seed: 2, aspect_ratio: "1:1" });
    await openCompare(page, a, b);
    const images = page.getByTestId("compare-image");
    await expect(images).toHaveCount(2);
    // Fit: both square images whole on the first screen, with the controls above them.
    for (const box of [await images.nth(0).boundingBox(), await images.nth(1).boundingBox()])
      expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    await expect(page.getByRole("radio", { name: "Slider" })).toBeInViewport();

    // A plain wheel scrolls the page and leaves the zoom alone.
    const pane = images.first().locator("..");
    const over = await pointIn(pane, 0.5);
    await page.mouse.move(over.x, over.y);
    await page.mouse.wheel(0, 300);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await expect(zoomLevel(page)).toHaveText("100%");
    await page.evaluate(() => window.scrollTo(0, 0));

    // Ctrl+wheel zooms, every image alike.
    const again = await pointIn(pane, 0.5);
    await page.mouse.move(again.x, again.y);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -100);
    await page.keyboard.up("Control");
    await expect(zoomLevel(page)).toHaveText("120%");
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.getByRole("button", { name: "Reset" }).click();

    // 100%: one image pixel to one screen pixel.
    await page.getByTestId("fit-toggle").click();
    await expect(page.getByTestId("fit-toggle")).toHaveText("Fit to screen");
    await expect.poll(async () => (await images.first().boundingBox())!.width).toBeCloseTo(1024, -1);
    await page.getByTestId("fit-toggle").click();
    await expect.poll(async () => (await images.first().boundingBox())!.height).toBeLessThan(560);

    // The Slider is the same divider as an edit's: a press on the picture moves it.
    await page.getByRole("radio", { name: "Slider" }).check();
    const slider = page.getByTestId("compare-slider");
    const left = await pointIn(slider, 0.2);
    await page.mouse.click(left.x, left.y);
    await expect
      .poll(async () => Number(await slider.getByTestId("split-handle").getAttribute("aria-valuenow")))
      .toBeLessThan(25);
  });

  test("on a phone a pinch zooms, and the picked images' tray sits under the table instead of over it", async ({
    browser,
    request,
  }) => {
    const token = uniqueToken("pinch");
    const a = await completedRun(request, { prompt: `${token} a kite`, seed: 3, aspect_ratio: "1:1" });
    const b = await completedRun(request, { prompt: `${token} a red kite`, seed: 4, aspect_ratio: "1:1" });
    const phone = await phoneContext(browser, test.info().project.use.baseURL);
    const page = await phone.newPage();
    await openCompare(page, a, b);
    const frame = page.getByTestId("compare-image").first().locator("..");
    await expect(zoomLevel(page)).toHaveText("100%");
    const [c1, c2] = [await pointIn(frame, 0.4), await pointIn(frame, 0.6)];
    const [e1, e2] = [await pointIn(frame, 0.1), await pointIn(frame, 0.9)];
    await touchGesture(page, [c1, c2], [e1, e2], 10);
    await expect.poll(async () => Number.parseInt((await zoomLevel(page).textContent()) ?? "", 10)).toBeGreaterThan(150);

    // Pick both for a compare (the tray shows on every page), then look at the compare's own foot.
    await page.getByRole("button", { name: "Reset" }).click();
    await page.evaluate(
      (items) => sessionStorage.setItem("kontext-compare-selection", JSON.stringify(items)),
      [a, b].map((view) => ({ id: view.id, index: 0, thumbUrl: view.outputs[0].thumbUrl, prompt: view.input.prompt })),
    );
    await page.reload();
    const tray = page.getByTestId("selection-tray");
    await expect(tray).toBeVisible();
    await expect(tray).toHaveAttribute("data-floating", "false");
    const table = (await page.getByTestId("diff-table").boundingBox())!;
    expect((await tray.boundingBox())!.y).toBeGreaterThanOrEqual(table.y + table.height);
    await phone.close();
  });

  test("dates are the viewer's own: a compare in Tokyo shows Tokyo's time, not UTC", async ({ browser, request }) => {
    const token = uniqueToken("zone");
    const a = await completedRun(request, { prompt: `${token} a bell`, seed: 5 });
    const b = await completedRun(request, { prompt: `${token} a bell`, seed: 6 });
    const tokyo = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      timezoneId: "Asia/Tokyo",
      locale: "en-US",
    });
    const page = await tokyo.newPage();
    await openCompare(page, a, b);
    const created = page.locator('[data-testid="diff-row"][data-field="created"] td').first();
    const expected = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(
      Date.parse(a.createdAt),
    );
    await expect(created).toHaveText(expected);
    // The share page writes it the same way.
    await page.goto(`/p/${a.id}`);
    await expect(page.getByTestId("share-details").getByTestId("local-time")).toHaveText(expected);
    await tokyo.close();
  });
});
