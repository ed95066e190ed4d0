import { expect, test } from "@playwright/test";
import { atEveryView, axeViolations, checkDeleteAndUndo } from "./pages/axe";
import { HistoryPage } from "./pages/history-page";
import { submit, uniqueToken, waitForTerminal } from "./wavespeed/upstream";

// axe reads every node of the page, five times: on a busy 2-core machine that takes minutes.
atEveryView("history", 240_000, (view) => {
  test("is axe clean: runs, a flagged one, a sweep as one entry, no matches, the delete dialog and its undo", async ({
    page,
    request,
  }) => {
    const token = uniqueToken(`a11y-${view.width}-${view.colorScheme}`);
    for (const body of [
      { prompt: `${token} a castle on a cliff`, num_images: 2 },
      // A flagged one, so the blurred thumbnail and its reveal button are checked too.
      { prompt: `${token} a knight holding a gun`, safety_tolerance: "1" },
    ]) {
      await waitForTerminal(request, (await submit(request, body)).id);
    }
    const sweep = await request.post("/api/sweeps", {
      data: { base: { prompt: `${token} a kite` }, x: { field: "seed", values: [1, 2] } },
    });
    expect(sweep.status()).toBe(201);

    const history = new HistoryPage(page);
    await history.goto();
    await expect(page.getByTestId("sweep-entry").first()).toBeVisible();
    expect(await axeViolations(page), "every run").toEqual([]);

    await history.goto({ q: token });
    // A search lists the sweep's cells as runs of their own.
    await expect(history.entries).toHaveCount(4);
    expect(await axeViolations(page), "a search").toEqual([]);

    await checkDeleteAndUndo(page, history.entry(`${token} a castle on a cliff`).deleteButton);
    await expect(history.entries).toHaveCount(4);

    await history.search.fill(`${token} nothing like this`);
    await expect(history.noMatches).toBeVisible();
    expect(await axeViolations(page), "no matches").toEqual([]);
  });
});
