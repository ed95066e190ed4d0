import { expect, type Page, test } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";

const unique = (text: string) => `${text} (${test.info().testId}-${Date.now().toString(36)})`;

/** Counts the browser's submissions, to prove that an invalid form sends nothing. */
function countSubmissions(page: Page) {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/predictions") posts.push(request.url());
  });
  return posts;
}

test.describe("playground", () => {
  test("says plainly that the local engine is not FLUX, how to switch, and that it costs nothing", async ({ page }) => {
    await page.goto("/");
    const banner = page.getByRole("region", { name: "Local preview engine: these images are not made by FLUX" });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("WAVESPEED_API_KEY");
    await expect(page.getByRole("banner")).toContainText("Local preview engine");
    await expect(page.getByRole("banner")).not.toContainText("FLUX");
    await expect(page.getByTestId("cost-estimate")).toHaveCount(0);
  });

  test("generates two 16:9 images, shown as copies that fit the card, and keeps the settings in the URL", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const prompt = unique("A lighthouse on a cliff at dawn");
    await playground.fill({ prompt, aspectRatio: "16:9", images: 2 });
    await playground.generate();

    const run = playground.newestRun();
    await expect(run.root.getByTestId("run-prompt")).toHaveText(prompt);
    await run.waitUntilCompleted();
    await expect(run.images).toHaveCount(2);
    for (const image of await run.images.all()) {
      await expect(image).toHaveAttribute("width", "1392");
      await expect(image).toHaveAttribute("height", "752");
      // The card loads the copy that fits it, in the original's shape; the original is a click away (lightbox, share page).
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.currentSrc.includes("/api/thumbs/")))
        .toBe(true);
      expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth / img.naturalHeight)).toBeCloseTo(1392 / 752, 1);
    }
    await expect(page).toHaveURL(/[?&]ar=16%3A9(&|$)/);
    await expect(page).toHaveURL(/[?&]n=2(&|$)/);
  });

  test("flags an out-of-range guidance scale and seed inline and does not submit", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    const posts = countSubmissions(page);
    await playground.goto();
    await playground.fill({ prompt: unique("A quiet harbour"), guidance: "11", seed: "3e9" });
    await playground.generate();

    await expect(playground.guidance).toHaveAttribute("aria-invalid", "true");
    await expect(playground.guidance).toHaveAccessibleDescription("Guidance scale must be a number from 1.0 to 10.0");
    await expect(playground.seed).toHaveAttribute("aria-invalid", "true");
    await expect(playground.seed).toHaveAccessibleDescription(/Seed must be an integer from -1 to 2147483647/);
    // Validation runs before any request is made, so once the errors show, nothing was sent.
    expect(posts).toHaveLength(0);

    await playground.guidance.fill("4.5");
    await playground.seed.fill("42");
    await expect(playground.guidance).not.toHaveAttribute("aria-invalid", "true");
    await expect(playground.seed).not.toHaveAttribute("aria-invalid", "true");
    await playground.generate();
    await expect.poll(() => posts.length).toBe(1);
    const run = playground.newestRun();
    await run.waitUntilCompleted();
    await expect(run.root.getByTestId("run-summary")).toContainText("seed 42 · guidance 4.5");
  });

  test("an empty prompt is flagged and focused", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    await playground.generate();
    await expect(playground.prompt).toHaveAttribute("aria-invalid", "true");
    await expect(playground.prompt).toBeFocused();
    await expect(playground.prompt).toHaveAccessibleDescription("Describe the image you want");
  });

  test("a prompt of invisible characters only is flagged, and nothing is sent", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    const posts = countSubmissions(page);
    await playground.goto();
    await playground.prompt.fill("\u200b\u200c\u200d\u2060");
    await playground.generate();
    await expect(playground.prompt).toHaveAttribute("aria-invalid", "true");
    await expect(playground.prompt).toHaveAccessibleDescription(/at least one visible character/);
    expect(posts).toHaveLength(0);
  });

  test("Ctrl+Enter in the prompt generates", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const prompt = unique("A paper boat on a puddle");
    await playground.prompt.fill(prompt);
    await playground.prompt.press("Control+Enter");

    const run = playground.newestRun();
    await expect(run.root.getByTestId("run-prompt")).toHaveText(prompt);
    await run.waitUntilCompleted();
    await expect(run.images).toHaveCount(1);
  });

  test("a link with settings in its query prefills the form, and edits go back to the URL", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto("?prompt=Snowy+forest&ar=9%3A16&n=3&seed=7&g=6.5&safety=4");
    await expect(playground.prompt).toHaveValue("Snowy forest");
    await expect(playground.aspectRatio("9:16")).toBeChecked();
    await expect(playground.numberOfImages(3)).toBeChecked();
    await expect(playground.seed).toHaveValue("7");
    await expect(playground.guidance).toHaveValue("6.5");
    await expect(playground.guidanceSlider).toHaveValue("6.5");
    await expect(playground.safety).toHaveValue("4");

    await playground.prompt.fill("Snowy mountain");
    await playground.safety.fill("1");
    await expect(page).toHaveURL(/prompt=Snowy\+mountain/);
    await expect(page).toHaveURL(/safety=1/);
    await playground.randomiseSeed.click();
    await expect(playground.seed).not.toHaveValue("7");
    await expect(playground.seed).toHaveValue(/^\d+$/);
  });
});
