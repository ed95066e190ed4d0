import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";

for (const colorScheme of ["light", "dark"] as const) {
  test(`playground and share page have no serious accessibility violations (${colorScheme})`, async ({ page }) => {
    // axe reads every node of the page: on a busy 2-core machine it can take most of a minute.
    test.slow();
    await page.emulateMedia({ colorScheme });
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations.filter(
        (violation) => violation.impact === "serious" || violation.impact === "critical",
      );

    await playground.fill({ prompt: `Accessibility check ${test.info().testId}`, guidance: "12" });
    await playground.generate();
    await expect(playground.guidance).toHaveAttribute("aria-invalid", "true");
    expect(await serious()).toEqual([]);

    await playground.guidance.fill("3.5");
    await playground.generate();
    const run = playground.newestRun();
    await run.waitUntilCompleted();
    expect(await serious()).toEqual([]);

    await run.shareLink.click();
    await expect(page.getByTestId("share-prompt")).toBeVisible();
    expect(await serious()).toEqual([]);
  });
}

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
