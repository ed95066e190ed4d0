import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import type { PredictionView } from "@/lib/playground-api";
import { mouseDrag, phoneContext, pointIn, touchGesture } from "./pages/gestures";
import { PlaygroundPage } from "./pages/playground-page";
import { completedRun, uniqueToken } from "./wavespeed/upstream";

const pathOf = (view: PredictionView) => new URL(view.outputs[0].url).pathname;

/** An original and an edit of it, finished. */
async function editedRun(request: APIRequestContext, name: string) {
  const original = await completedRun(request, { prompt: `${name} a lighthouse`, aspect_ratio: "1:1" });
  const edit = await completedRun(request, {
    prompt: `${name} make it night`,
    image: pathOf(original),
    parent: { id: original.id, kind: "edit" },
  });
  return { original, edit };
}

const positionOf = async (page: Page) => Number(await page.getByTestId("split-handle").getAttribute("aria-valuenow"));

test.describe("the before/after divider", () => {
  test.describe.configure({ timeout: 120_000 });

  test("on an edit's share page: pressed anywhere on the picture, dragged, moved by the keys, and the result shown once", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const { edit } = await editedRun(page.request, uniqueToken("divider"));
    await page.goto(`/p/${edit.id}`);
    const split = page.getByTestId("before-after").getByTestId("split-clip").locator("..");
    const handle = page.getByTestId("split-handle");
    // The server renders the divider; a press on it before hydration would move nothing.
    await expect(handle).toHaveAttribute("data-ready", "true");
    await expect(handle).toHaveAttribute("aria-valuenow", "50");
    // The handle is a grip people can see and aim at, not a hairline.
    expect((await handle.boundingBox())!.width).toBeGreaterThanOrEqual(36);

    // A press anywhere on the picture moves the divider there.
    const quarter = await pointIn(split, 0.25);
    await page.mouse.click(quarter.x, quarter.y);
    await expect.poll(() => positionOf(page)).toBeCloseTo(25, -0.5);
    // A drag carries it along.
    await mouseDrag(page, await pointIn(split, 0.25), await pointIn(split, 0.8));
    await expect.poll(() => positionOf(page)).toBeCloseTo(80, -0.5);
    await expect(page.getByTestId("split-clip")).toHaveAttribute("style", /inset\(0(px)? 20(\.\d+)?% 0(px)? 0(px)?\)/);
    // The keys, once it has focus.
    await handle.focus();
    const from = await positionOf(page);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => positionOf(page)).toBe(from - 5);
    await page.keyboard.press("End");
    await expect(handle).toHaveAttribute("aria-valuenow", "100");

    // The result shows once: the divider's "after" is it, no gallery repeats it.
    await expect(page.getByTestId("after-image")).toHaveCount(1);
    await expect(page.getByTestId("result-image")).toHaveCount(0);
    // Wide screens: the parameters beside the picture, the chain right under it.
    const picture = (await page.getByTestId("before-after").boundingBox())!;
    const details = (await page.getByTestId("share-details").boundingBox())!;
    const chain = (await page.getByTestId("filmstrip").boundingBox())!;
    expect(details.x).toBeGreaterThanOrEqual(picture.x + picture.width);
    expect(details.y).toBeLessThan(picture.y + picture.height / 2);
    expect(chain.y - (picture.y + picture.height)).toBeGreaterThanOrEqual(0);
    // Under it, past the page's gap, the chain's heading row and at most a row more of the parameters beside it
    // (the model is one of them): not a screen further down.
    expect(chain.y - (picture.y + picture.height)).toBeLessThan(140);
    // The first screen holds the whole picture.
    expect(picture.y + picture.height).toBeLessThanOrEqual(800);
  });

  test("on a phone: a sideways finger drag moves the divider", async ({ browser, request }) => {
    const { edit } = await editedRun(request, uniqueToken("touch"));
    const phone = await phoneContext(browser, test.info().project.use.baseURL);
    const page = await phone.newPage();
    await page.goto(`/p/${edit.id}`);
    const split = page.getByTestId("before-after").getByTestId("split-clip").locator("..");
    await split.scrollIntoViewIfNeeded();
    await expect(page.getByTestId("split-handle")).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("split-handle")).toHaveAttribute("aria-valuenow", "50");
    await touchGesture(page, [await pointIn(split, 0.55)], [await pointIn(split, 0.15)]);
    await expect.poll(() => positionOf(page)).toBeLessThan(25);
    await phone.close();
  });

  test("on the playground's card of an edit: the same divider, and the result not repeated under it", async ({ page }) => {
    const name = uniqueToken("card");
    const original = await completedRun(page.request, { prompt: `${name} a barn`, aspect_ratio: "1:1" });
    const playground = new PlaygroundPage(page);
    await playground.goto(`?img=${encodeURIComponent(pathOf(original))}&from=${original.id}&via=edit`);
    await expect(page.getByTestId("input-thumb")).toHaveCount(1);
    await playground.prompt.fill(`${name} paint it red`);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const card = playground.newestRun();
    await expect(card.root).toContainText(`${name} paint it red`);
    await card.waitUntilCompleted();
    const handle = card.root.getByTestId("split-handle");
    await expect(handle).toBeVisible();
    await expect(card.root.getByTestId("result-image")).toHaveCount(0);
    const point = await pointIn(card.root.getByTestId("split-clip").locator(".."), 0.3);
    await page.mouse.click(point.x, point.y);
    await expect.poll(async () => Number(await handle.getAttribute("aria-valuenow"))).toBeCloseTo(30, -0.5);
  });

  test("Use these settings on an edit's page keeps its input picture", async ({ page }) => {
    const { edit } = await editedRun(page.request, uniqueToken("settings"));
    await page.goto(`/p/${edit.id}`);
    const use = page.getByRole("link", { name: "Use these settings" });
    // The edit's own input picture, as this server keeps it.
    const input = new URL(edit.input.edit!.images[0].url).pathname;
    await expect(use).toHaveAttribute("href", new RegExp(`[?&]img=${encodeURIComponent(input)}&`));
    await use.click();
    await expect(page.getByTestId("input-thumb")).toHaveCount(1, { timeout: 45_000 });
    await expect(new PlaygroundPage(page).prompt).toHaveValue(edit.input.prompt);
  });
});
