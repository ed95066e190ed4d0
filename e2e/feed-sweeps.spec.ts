import { expect, test } from "@playwright/test";
import { sweepViewSchema } from "@/lib/playground-api";
import { HistoryPage } from "./pages/history-page";
import { PlaygroundPage } from "./pages/playground-page";
import { uniqueToken, waitForTerminal } from "./wavespeed/upstream";

/**
 * A sweep is every cell one request started together (its retried cells join it): the one batch of
 * runs this playground makes. The feed and the history show it as one entry.
 */
test("a sweep is one entry in the playground and in the history: its grid, its progress, its page; a search finds its cells", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const token = uniqueToken("folded");
  const before = await request.post("/api/predictions", { data: { prompt: `${token} a single run before` } });
  expect(before.status()).toBe(201);
  const created = await request.post("/api/sweeps", {
    data: {
      base: { prompt: `${token} a lantern` },
      x: { field: "seed", values: [1, 2, 3] },
      y: { field: "guidance_scale", values: [2, 5] },
    },
  });
  expect(created.status()).toBe(201);
  const sweep = sweepViewSchema.parse(await created.json());
  for (const cell of sweep.cells) await waitForTerminal(request, cell.id);

  // The playground: one entry with a mosaic of the six cells, not six cards.
  const playground = new PlaygroundPage(page);
  await playground.goto();
  const entry = page.getByTestId("sweep-entry").and(page.locator(`[data-id="${sweep.id}"]`));
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId("sweep-entry-prompt")).toHaveText(`${token} a lantern`);
  await expect(entry).toContainText("3 × 2 · seed × guidance");
  await expect(entry.getByTestId("sweep-tile")).toHaveCount(6);
  await expect(entry.getByTestId("sweep-entry-progress")).toHaveText("6 of 6 done");
  await expect(page.getByTestId("run-card").filter({ hasText: `${token} a lantern` })).toHaveCount(0);

  // The history: the same, beside the single run.
  const history = new HistoryPage(page);
  await history.goto();
  const listed = page.getByTestId("sweep-entry").and(page.locator(`[data-id="${sweep.id}"]`));
  await expect(listed).toHaveCount(1);
  await expect(history.entries.filter({ hasText: `${token} a lantern` })).toHaveCount(0);
  await expect(history.entry(`${token} a single run before`).root).toHaveCount(1);

  // A search or a filter that matches the cells lists each one.
  await history.search.fill(`${token} a lantern`);
  await expect(history.entries).toHaveCount(6);
  await expect(page.getByTestId("sweep-entry")).toHaveCount(0);
  await history.goto({ q: token, status: "completed" });
  await expect(history.entries).toHaveCount(7);

  // Its page holds every cell.
  await history.goto();
  await listed.getByTestId("sweep-entry-link").click();
  await expect(page).toHaveURL(new RegExp(`/s/${sweep.id}$`));
});

test("a running sweep's entry follows its cells live, without a reload", async ({ page, request }) => {
  test.setTimeout(180_000);
  const token = uniqueToken("live-sweep");
  const history = new HistoryPage(page);
  await history.goto();
  // Started while the page is open, as from another tab: its entry arrives, then fills in.
  const created = await request.post("/api/sweeps", {
    data: { base: { prompt: `${token} a comet` }, x: { field: "seed", values: [1, 2, 3, 4] } },
  });
  const sweep = sweepViewSchema.parse(await created.json());
  const entry = page.getByTestId("sweep-entry").and(page.locator(`[data-id="${sweep.id}"]`));
  await expect(entry).toHaveCount(1, { timeout: 60_000 });
  await expect(entry.getByTestId("sweep-entry-progress")).toHaveText("4 of 4 done", { timeout: 60_000 });
  await expect(entry).toHaveAttribute("data-done", "true");
  await expect(entry.getByTestId("sweep-tile")).toHaveCount(4);
  await expect(history.entries.filter({ hasText: `${token} a comet` })).toHaveCount(0);
});
