import { expect, test } from "@playwright/test";
import { atEveryView, axeViolations, checkDeleteAndUndo } from "./pages/axe";
import { PlaygroundPage, RunCard } from "./pages/playground-page";

// axe reads every node of the page, eight times: on a busy 2-core machine that takes minutes.
atEveryView("the playground", 300_000, () => {
  test("is axe clean in every state a day of use opens: form, errors, sweep, results, lightbox, dialog, toast, compact", async ({
    page,
    request,
  }) => {
    const token = `a11y-${test.info().testId}-${Date.now().toString(36)}`;
    // A sweep in the feed, folded into one entry.
    const sweep = await request.post("/api/sweeps", {
      data: { base: { prompt: `${token} a kite` }, x: { field: "seed", values: [1, 2] } },
    });
    expect(sweep.status()).toBe(201);

    const playground = new PlaygroundPage(page);
    await playground.goto();
    expect(await axeViolations(page), "first visit").toEqual([]);

    await playground.fill({ prompt: `${token} a lighthouse`, images: 2, guidance: "12" });
    await playground.generate();
    await expect(playground.guidance).toHaveAttribute("aria-invalid", "true");
    expect(await axeViolations(page), "a field to fix").toEqual([]);

    await page.getByLabel("Sweep: a grid over one or two parameters").check();
    await expect(page.getByTestId("sweep-panel")).toBeVisible();
    expect(await axeViolations(page), "sweep mode").toEqual([]);
    await page.getByLabel("Sweep: a grid over one or two parameters").uncheck();

    await playground.guidance.fill("3.5");
    await playground.generate();
    const run = new RunCard(playground.runs.filter({ hasText: `${token} a lighthouse` }));
    await run.waitUntilCompleted();
    await expect(run.images).toHaveCount(2);
    expect(await axeViolations(page), "a finished run").toEqual([]);

    await run.root.getByRole("button", { name: "Open image 1 of 2" }).click();
    await expect(page.getByRole("dialog", { name: "Image 1 of 2" })).toBeVisible();
    expect(await axeViolations(page), "the lightbox").toEqual([]);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();

    await checkDeleteAndUndo(page, run.button("Delete"));
    await expect(run.root).toBeVisible();

    await page.getByRole("radio", { name: "Compact" }).check();
    await expect(page.getByTestId("run-list")).toHaveAttribute("data-density", "compact");
    expect(await axeViolations(page), "the compact view").toEqual([]);
    await page.getByRole("radio", { name: "Comfortable" }).check();
  });
});

test("the theme toggle overrides the system and survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  const playground = new PlaygroundPage(page);
  await playground.goto();
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "System theme" }).click();
  await expect(html).not.toHaveClass(/\bdark\b/);
});
