import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { HistoryPage } from "./pages/history-page";
import { submit, uniqueToken, waitForTerminal } from "./wavespeed/upstream";

for (const colorScheme of ["light", "dark"] as const) {
  test(`history has no serious accessibility violations (${colorScheme})`, async ({ page, request }) => {
    // axe reads every node of the page: on a busy 2-core machine it can take most of a minute.
    test.slow();
    await page.emulateMedia({ colorScheme });
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations.filter(
        (violation) => violation.impact === "serious" || violation.impact === "critical",
      );
    const token = uniqueToken(`a11y-${colorScheme}`);
    for (const body of [
      { prompt: `${token} a castle on a cliff`, num_images: 2 },
      // A flagged one, so the blurred thumbnail and its reveal button are checked too.
      { prompt: `${token} a knight holding a gun`, safety_tolerance: "1" },
    ]) {
      await waitForTerminal(request, (await submit(request, body)).id);
    }

    const history = new HistoryPage(page);
    await history.goto({ q: token });
    await expect(history.entries).toHaveCount(2);
    expect(await serious()).toEqual([]);

    await history.search.fill(`${token} nothing like this`);
    await expect(history.noMatches).toBeVisible();
    expect(await serious()).toEqual([]);

    await history.goto();
    await expect(history.entries.first()).toBeVisible();
    expect(await serious()).toEqual([]);
  });
}
