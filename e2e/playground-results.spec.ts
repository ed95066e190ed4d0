import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";

const unique = (text: string) => `${text} (${test.info().testId}-${Date.now().toString(36)})`;

test.describe("playground results", () => {
  test("the lightbox shows an image large, moves with the arrow keys and closes with Esc", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    await playground.fill({ prompt: unique("Two hot air balloons"), aspectRatio: "3:2", images: 2 });
    await playground.generate();
    const run = playground.newestRun();
    await run.waitUntilCompleted();
    const secondUrl = await run.images.nth(1).getAttribute("src");

    await run.root.getByRole("button", { name: "Open image 1 of 2" }).click();
    const dialog = page.getByRole("dialog", { name: "Image 1 of 2" });
    await expect(dialog).toBeVisible();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("dialog", { name: "Image 2 of 2" })).toBeVisible();
    await expect(page.getByRole("dialog").getByRole("link", { name: "Download" })).toHaveAttribute(
      "href",
      `${secondUrl}?download`,
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("dialog").getByRole("link", { name: "Download" }).click(),
    ]);
    // Named from the prompt and the seed, not from the id.
    expect(download.suggestedFilename()).toMatch(/^two-hot-air-balloons.*-seed\d+-2\.jpg$/);
    await expect(page.getByRole("dialog")).toContainText("1248 × 832");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
  });

  test("a flagged image stays blurred until revealed", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    // The local engine flags any listed word at the strictest tolerance.
    await playground.fill({ prompt: unique("A knight holding a gun") });
    await playground.openAdvanced();
    await playground.safety.fill("1");
    await playground.generate();
    const run = playground.newestRun();
    await run.waitUntilCompleted();

    const reveal = run.root.getByRole("button", { name: /click to reveal/i });
    await expect(reveal).toBeVisible();
    await expect(run.root.getByRole("button", { name: "Open image 1 of 1" })).toBeDisabled();
    await reveal.click();
    await expect(reveal).toBeHidden();
    await expect(run.root.getByRole("button", { name: "Open image 1 of 1" })).toBeEnabled();
  });

  test("Use settings fills the form, Re-run keeps the seed and Vary seed changes it", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const prompt = unique("A red bicycle against a wall");
    await playground.fill({ prompt, aspectRatio: "4:3", seed: "1234" });
    await playground.generate();
    const first = playground.newestRun();
    await first.waitUntilCompleted();

    await playground.prompt.fill("something else");
    await playground.aspectRatio("1:1").check();
    await first.button("Use settings").click();
    await expect(playground.prompt).toHaveValue(prompt);
    await expect(playground.aspectRatio("4:3")).toBeChecked();
    await expect(playground.seed).toHaveValue("1234");

    const before = await playground.runs.count();
    await first.button("Re-run").click();
    await expect(playground.runs).toHaveCount(before + 1);
    const rerun = playground.newestRun();
    await rerun.waitUntilCompleted();
    expect(await rerun.seed()).toBe("1234");

    await rerun.button("Vary seed").click();
    await expect(playground.runs).toHaveCount(before + 2);
    const varied = playground.newestRun();
    await varied.waitUntilCompleted();
    expect(await varied.seed()).not.toBe("1234");
    await expect(varied.root.getByTestId("run-prompt")).toHaveText(prompt);
  });

  test("a run the server refuses shows the error and can be retried", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    // The server is healthy, so the browser is told once that it is not.
    let refused = false;
    await page.route("**/api/predictions", async (route) => {
      if (route.request().method() !== "POST" || refused) return route.fallback();
      refused = true;
      await route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          code: 503,
          message: "The image service is busy, try again",
          data: null,
          error_code: "upstream_unavailable",
        }),
      });
    });
    const prompt = unique("A lantern in the fog");
    await playground.fill({ prompt });
    await playground.generate();

    const run = playground.newestRun();
    await expect(run.status).toHaveText("failed");
    await expect(run.root.getByRole("alert")).toContainText("The image service is busy, try again");
    await run.button("Retry").click();
    await run.waitUntilCompleted();
    await expect(run.root.getByTestId("run-prompt")).toHaveText(prompt);
    await expect(run.images).toHaveCount(1);
  });
});
