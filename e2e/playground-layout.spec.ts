import { expect, type Locator, type Page, test } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";
import { completedRun, uniqueToken } from "./wavespeed/upstream";

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error("not laid out");
  return found;
};

const inViewport = async (page: Page, locator: Locator) => {
  const { y, height } = await box(locator);
  return y >= 0 && y + height <= page.viewportSize()!.height;
};

for (const size of [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
]) {
  test.describe(`a first visit at ${size.width} × ${size.height}`, () => {
    test.use({ viewport: size });

    test("is prompt first: Generate in view at the form's foot, the picture box under the prompt, advanced settings one click off, a short engine notice", async ({
      page,
    }) => {
      const playground = new PlaygroundPage(page);
      await playground.goto();
      await expect(playground.generateButton).toBeInViewport();
      expect(await inViewport(page, playground.generateButton)).toBe(true);
      // The picture box is a line under the prompt, not a box above it.
      const picture = page.getByTestId("picture-slot");
      expect((await box(picture)).y).toBeGreaterThan((await box(playground.prompt)).y);
      expect((await box(picture)).height).toBeLessThan(40);
      // Seed, guidance and safety are tucked away, one click off.
      await expect(playground.seed).toHaveCount(0);
      await playground.openAdvanced();
      await expect(playground.seed).toBeVisible();
      await expect(playground.safety).toBeVisible();
      // The notice says what it must in two lines (four on a phone).
      const lineHeight = 20;
      expect((await box(page.getByTestId("engine-banner"))).height).toBeLessThanOrEqual(
        (size.width > 640 ? 2 : 4) * lineHeight + 16,
      );

      // However long the form grows (sweep mode), Generate stays pinned to its visible foot.
      await page.getByLabel("Sweep: a grid over one or two parameters").check();
      await expect(page.getByTestId("sweep-panel")).toBeVisible();
      const run = page.getByTestId("settings-column").getByRole("button", { name: "Run sweep" });
      await page.getByLabel("Across (X) parameter").focus();
      await expect(run).toBeInViewport();
      expect(await inViewport(page, run), JSON.stringify(await run.boundingBox())).toBe(true);
    });
  });
}

test("the form of an edit asks for an instruction, and its seed field is as wide as a seed", async ({ page, request }) => {
  const view = await completedRun(request, { prompt: `${uniqueToken("wording")} a harbour` });
  const playground = new PlaygroundPage(page);
  await playground.goto(`?img=${encodeURIComponent(new URL(view.outputs[0]!.url).pathname)}&from=${view.id}&via=edit`);
  const instruction = page.getByRole("textbox", { name: "What should change?", exact: true });
  await expect(instruction).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveCount(0);
  await expect(instruction).not.toHaveAttribute("placeholder", /lighthouse|oil painting/i);
  await expect(page.getByTestId("settings-column")).not.toContainText("to generate");
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toBeVisible();

  await playground.openAdvanced();
  const seed = await box(playground.seed);
  const row = await box(page.getByTestId("advanced-settings"));
  // Room for ten digits, not half the form.
  expect(seed.width).toBeGreaterThan(100);
  expect(seed.width).toBeLessThan(row.width / 2);
});

for (const size of [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
]) {
  test(`small images keep their controls whole and off a third of the picture; compact cards show the prompt (${size.width} px)`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const prompt = `${uniqueToken("crowd")} four lanterns floating over a quiet harbour at dusk`;
    await completedRun(request, { prompt, num_images: 4, aspect_ratio: "9:16" });
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const card = page.getByTestId("run-card").filter({ hasText: prompt });

    const check = async () => {
      const frames = card.getByTestId("result-frame");
      await expect(frames.first()).toBeVisible();
      for (const frame of await frames.all()) {
        const controls = frame.locator("xpath=..").getByTestId("image-actions").getByRole("button");
        let covered = 0;
        for (const control of await controls.all()) {
          // Whole: no edge cuts a control off (a round control's left, right, top and bottom are its own).
          const hit = await control.evaluate((element) => {
            element.scrollIntoView({ block: "center" });
            const { left, top, width, height } = element.getBoundingClientRect();
            return [
              [left + width * 0.2, top + height / 2],
              [left + width * 0.8, top + height / 2],
              [left + width / 2, top + height * 0.2],
              [left + width / 2, top + height * 0.8],
            ].every(([x, y]) => element.contains(document.elementFromPoint(x!, y!)));
          });
          expect(hit).toBe(true);
          const [button, image] = [await box(control), await box(frame)];
          const overlapX = Math.max(0, Math.min(button.x + button.width, image.x + image.width) - Math.max(button.x, image.x));
          const overlapY = Math.max(0, Math.min(button.y + button.height, image.y + image.height) - Math.max(button.y, image.y));
          covered += overlapX * overlapY;
        }
        const { width, height } = await box(frame);
        expect(covered / (width * height)).toBeLessThan(1 / 3);
      }
    };
    await card.scrollIntoViewIfNeeded();
    await check();

    await page.getByRole("radio", { name: "Compact" }).check();
    await card.scrollIntoViewIfNeeded();
    await check();
    // The prompt runs under the picture, the card's whole width, on two lines.
    const text = card.getByTestId("run-prompt");
    expect((await box(text)).width).toBeGreaterThan((await box(card)).width * 0.8);
    const lines = await text.evaluate(
      (element) => element.clientHeight / Number.parseFloat(getComputedStyle(element).lineHeight),
    );
    expect(lines).toBeGreaterThanOrEqual(1.9);
  });
}
