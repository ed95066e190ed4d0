import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { watchCsp } from "./access/csp-watch";
import { seriousAxeViolations } from "./pages/axe";
import { ConfirmDialog, undoButton } from "./pages/confirm-dialog";
import { PlaygroundPage } from "./pages/playground-page";

const SIZES = [
  { name: "1280", width: 1280, height: 800 },
  { name: "375", width: 375, height: 812 },
] as const;
const wide = (width: number) => width >= 1024;

async function finishedRun(request: APIRequestContext, body: Record<string, unknown>): Promise<PredictionView> {
  const created = predictionViewSchema.parse(await (await request.post("/api/predictions", { data: body })).json());
  let view = created;
  await expect
    .poll(async () => {
      view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${created.id}`)).json());
      return view.status;
    })
    .toBe("completed");
  return view;
}

const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

for (const size of SIZES)
  for (const colorScheme of ["light", "dark"] as const) {
    test.describe(`daily loop at ${size.name} px, ${colorScheme}`, () => {
      test.use({ viewport: { width: size.width, height: size.height }, colorScheme });
      // Browsers, servers and renders share 2 cores in CI: these take up to half a minute there.
      test.describe.configure({ timeout: 120_000 });

      test("the form stays in view while the results scroll; snippets never widen the page", async ({ page, request }) => {
        const token = `sticky-${test.info().testId}-${Date.now().toString(36)}`;
        for (let n = 0; n < 3; n++)
          await finishedRun(request, { prompt: `${token} a row of poplars ${n}`, aspect_ratio: "9:21" });
        const playground = new PlaygroundPage(page);
        await playground.goto();
        await expect(page.getByTestId("run-card").first()).toBeVisible();

        await page.mouse.wheel(0, 2400);
        await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
        if (wide(size.width)) {
          // The settings column stays on screen, scrolling inside itself when taller than the window.
          await expect(playground.prompt).toBeInViewport();
          const column = await page.getByTestId("settings-column").boundingBox();
          expect(column!.y).toBeGreaterThanOrEqual(0);
          expect(column!.y + column!.height).toBeLessThanOrEqual(size.height + 1);
        } else {
          // A phone has the form above the results: "Use settings" brings it back into view.
          await page.getByRole("button", { name: "Use settings" }).first().click();
          await expect(playground.prompt).toBeInViewport();
        }

        // Every image is bounded by the window: a 9:21 run keeps its actions on screen.
        const frame = await page.getByTestId("result-frame").first().boundingBox();
        expect(frame?.height ?? 0).toBeLessThanOrEqual(size.height * 0.75);

        await page.getByRole("button", { name: "API snippets" }).click();
        await expect(page.getByTestId("snippet-code")).toBeVisible();
        expect(await overflowsSideways(page)).toBe(false);
      });

      test("the compact view fits many runs on a screen and is remembered", async ({ page, request }) => {
        const token = `compact-${test.info().testId}-${Date.now().toString(36)}`;
        for (let n = 0; n < 6; n++) await finishedRun(request, { prompt: `${token} a lantern ${n}` });
        const playground = new PlaygroundPage(page);
        await playground.goto();
        await page.getByRole("radio", { name: "Compact" }).check();
        await expect(page.getByTestId("run-list")).toHaveAttribute("data-density", "compact");
        const cards = page.getByTestId("run-card");
        const onScreen = async () => {
          let count = 0;
          for (const box of await cards.evaluateAll((all) => all.map((card) => card.getBoundingClientRect().toJSON())))
            if (box.top >= 0 && box.bottom <= size.height && box.height > 0) count++;
          return count;
        };
        // At 1280×800, four runs at least; a phone shows two side by side.
        await expect.poll(onScreen).toBeGreaterThanOrEqual(wide(size.width) ? 4 : 2);
        // Parameters show on focus.
        await cards.first().getByRole("button").first().focus();
        await expect(cards.first().getByTestId("run-summary")).toBeVisible();

        await page.reload();
        await expect(page.getByRole("radio", { name: "Compact" })).toBeChecked();
        await page.getByRole("radio", { name: "Comfortable" }).check();
      });

      test("the lightbox goes on from one run into the next, with its actions", async ({ page, request }) => {
        const token = `lightbox-${test.info().testId}-${Date.now().toString(36)}`;
        const older = await finishedRun(request, { prompt: `${token} an older harbour`, num_images: 1 });
        const newer = await finishedRun(request, { prompt: `${token} a newer harbour`, num_images: 2 });
        const playground = new PlaygroundPage(page);
        await playground.goto();
        const newerCard = page.getByTestId("run-card").filter({ hasText: newer.input.prompt });
        await expect(newerCard).toBeVisible();
        // The run after it down the page: the older one, unless a run of a test running beside this one came between.
        const prompts = await page.getByTestId("run-card").getByTestId("run-prompt").allTextContents();
        const nextPrompt = prompts[prompts.findIndex((prompt) => prompt.includes(newer.input.prompt)) + 1];
        expect(prompts).toContain(older.input.prompt);
        await newerCard.getByRole("button", { name: "Open image 2 of 2" }).click();
        const dialog = page.getByRole("dialog");
        await expect(dialog).toContainText(newer.input.prompt);
        for (const action of ["Use settings", "Vary seed", "Copy link"])
          await expect(dialog.getByRole("button", { name: action, exact: true })).toBeVisible();
        await expect(dialog.getByRole("link", { name: "Share page" })).toBeVisible();
        await expect(dialog.getByRole("button", { name: /Actual size|Fit to screen/ })).toBeVisible();
        // → past the last image of this run opens the next run down the page.
        await page.keyboard.press("ArrowRight");
        await expect(dialog).toContainText(nextPrompt!);
        await page.keyboard.press("ArrowLeft");
        await expect(dialog).toContainText(newer.input.prompt);
        await page.keyboard.press("Escape");
        await expect(dialog).toBeHidden();
      });

      test("delete asks in the page's dialog and can be undone", async ({ page, request }) => {
        const run = await finishedRun(request, { prompt: `undo-${test.info().testId}-${Date.now().toString(36)} a kettle` });
        const playground = new PlaygroundPage(page);
        await playground.goto();
        const card = page.getByTestId("run-card").filter({ hasText: run.input.prompt });
        await card.getByRole("button", { name: "Delete" }).click();
        const confirm = new ConfirmDialog(page);
        await expect(confirm.root).toBeVisible();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await confirm.confirm("Delete").click();
        await expect(card).toHaveCount(0);
        await undoButton(page).click();
        await expect(card).toBeVisible();
        // Nothing was sent: the run is still there after the toast's time.
        await expect(undoButton(page)).toBeHidden();
        expect((await request.get(`/api/predictions/${run.id}`)).status()).toBe(200);
      });

      test("a failed submit shows the server's message, its parameters, Edit and Dismiss", async ({ page }) => {
        const playground = new PlaygroundPage(page);
        await playground.goto();
        await page.route("**/api/predictions", (route) =>
          route.request().method() === "POST"
            ? route.fulfill({
                status: 500,
                contentType: "application/json",
                body: JSON.stringify({
                  code: 500,
                  message: "The render pool is restarting.",
                  data: null,
                  error_code: "internal",
                }),
              })
            : route.continue(),
        );
        const prompt = `failing-${test.info().testId} a paper crane`;
        await playground.fill({ prompt, aspectRatio: "3:4", seed: "99" });
        await playground.generate();
        const card = page.getByTestId("session-runs").getByTestId("run-card").filter({ hasText: prompt });
        await expect(card.getByTestId("run-error")).toHaveText("The render pool is restarting.");
        await expect(card.getByTestId("run-summary")).toContainText("3:4");
        await expect(card.getByRole("button", { name: "Retry" })).toBeVisible();
        await playground.prompt.fill("something else");
        await card.getByRole("button", { name: "Edit" }).click();
        await expect(playground.prompt).toHaveValue(prompt);
        await card.getByRole("button", { name: "Dismiss" }).click();
        await expect(card).toHaveCount(0);
      });

      test("a share page is about its image: the prompt as heading, the parameters before the second image", async ({
        browser,
        request,
        baseURL,
      }) => {
        const run = await finishedRun(request, {
          prompt: `share-${test.info().testId} four kites above a beach`,
          num_images: 4,
          aspect_ratio: "9:21",
        });
        const stranger = await browser.newContext({ baseURL, viewport: { width: size.width, height: size.height }, colorScheme });
        const violations = await watchCsp(stranger);
        try {
          const page = await stranger.newPage();
          const response = await page.goto(`/p/${run.id}`);
          expect(response?.headers()["cache-control"]).toBe("public, s-maxage=60, stale-while-revalidate=86400");
          await expect(page.getByRole("heading", { level: 1 })).toHaveText(run.input.prompt);
          await expect(page.getByTestId("share-engine")).toHaveText("Local preview for FLUX.1 Kontext [pro]");
          const details = await page.getByTestId("share-details").boundingBox();
          const images = page.getByTestId("result-frame");
          await expect(images).toHaveCount(4);
          const second = await images.nth(1).boundingBox();
          if (wide(size.width)) expect(details!.x).toBeGreaterThan(second!.x + second!.width - 1);
          else {
            expect(details!.y).toBeLessThan(second!.y);
            // On a phone the parameters (the model first, then the seed and the rest) start within the first screen.
            await expect(page.getByTestId("share-details")).toBeInViewport();
          }
          await expect(page.getByRole("link", { name: /Make your own|Use these settings/ })).toBeVisible();
          expect(await overflowsSideways(page)).toBe(false);
          expect(await seriousAxeViolations(page)).toEqual([]);
          await page.reload();
          await expect(page.getByRole("heading", { level: 1 })).toHaveText(run.input.prompt);
          expect(violations).toEqual([]);
        } finally {
          await stranger.close();
        }
      });
    });
  }

test("? opens the keyboard shortcut sheet", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.goto();
  await page.locator("body").press("?");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText("Generate");
  await expect(sheet).toContainText("Compare");
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
});

test("the engine banner can be dismissed and stays away", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.goto();
  const banner = page.getByTestId("engine-banner");
  await expect(banner).toBeVisible();
  await page.getByRole("button", { name: "Dismiss the engine notice" }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Kontext Playground" })).toBeAttached();
  await expect(banner).toHaveCount(0);
});
