import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { sweepViewSchema } from "@/lib/playground-api";
import { PlaygroundPage } from "./pages/playground-page";
import { uniqueToken, waitForTerminal } from "./wavespeed/upstream";

const serious = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );

for (const colorScheme of ["light", "dark"] as const) {
  test(`the sweep form, a sweep page and a compare have no serious accessibility violations (${colorScheme})`, async ({
    page,
    request,
  }) => {
    // axe reads every node of the page: on a busy 2-core machine it can take most of a minute.
    test.slow();
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    const token = uniqueToken("a11y");
    const playground = new PlaygroundPage(page);
    await playground.goto();
    await playground.fill({ prompt: `${token} a {red|blue} kite` });
    await page.getByLabel("Sweep: a grid over one or two parameters").check();
    await page.getByLabel("Down (Y) parameter").selectOption("prompt");
    await expect(page.getByTestId("sweep-summary")).toContainText("4 × 2 = 8 cells");
    expect(await serious(page)).toEqual([]);

    const sweep = sweepViewSchema.parse(
      await (
        await request.post("/api/sweeps", { data: { base: { prompt: `${token} a kite` }, x: { field: "seed", values: [1, 2] } } })
      ).json(),
    );
    await page.goto(`/s/${sweep.id}`);
    await expect(page.locator('[data-testid="sweep-cell"][data-state="completed"]')).toHaveCount(2, { timeout: 60_000 });
    expect(await serious(page)).toEqual([]);

    const [a, b] = await Promise.all(sweep.cells.map((cell) => waitForTerminal(request, cell.id)));
    await page.goto(`/compare?i=${a.id}.0&i=${b.id}.0`);
    await expect(page.getByTestId("diff-table")).toBeVisible();
    expect(await serious(page)).toEqual([]);
    await page.getByRole("radio", { name: "Slider" }).check();
    expect(await serious(page)).toEqual([]);
  });
}
