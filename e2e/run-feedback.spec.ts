import { expect, type Page, test } from "@playwright/test";
import { shortId } from "@/lib/domain";
import { predictionViewSchema } from "@/lib/playground-api";
import { axeViolations } from "./pages/axe";
import { ConfirmDialog, undoButton } from "./pages/confirm-dialog";
import { HistoryPage } from "./pages/history-page";
import { PlaygroundPage, RunCard } from "./pages/playground-page";
import { completedRun, uniqueToken } from "./wavespeed/upstream";

const earlierCard = (page: Page, prompt: string) =>
  new RunCard(page.getByTestId("run-list").getByTestId("run-card").filter({ hasText: prompt }));

test("Re-run from a card far down the list: a toast says where the new run is, and leads to it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = uniqueToken("far-down");
  const first = await completedRun(request, { prompt: `${token} the first of three` });
  for (const n of [2, 3]) await completedRun(request, { prompt: `${token} run ${n}` });
  const playground = new PlaygroundPage(page);
  await playground.goto();

  const card = earlierCard(page, `${token} the first of three`);
  await card.root.evaluate((element) => element.scrollIntoView({ block: "start" }));
  await expect(page.getByTestId("session-runs")).not.toBeInViewport();
  await card.button("Re-run").click();

  const toast = page.getByTestId("toast");
  await expect(toast).toContainText("Re-run started at the top of the list.");
  await toast.getByRole("button", { name: "Show it" }).click();
  const started = page.locator("[data-run-key]").first();
  await expect(started).toBeFocused();
  await expect(started).toBeInViewport();
  await expect(started.getByTestId("run-prompt")).toHaveText(`${token} the first of three`);
  await expect(started.getByTestId("lineage-chip")).toContainText(`re-run of ${shortId(first.id)}`);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the Undo toast's Undo is a button that reads at full contrast (${colorScheme})`, async ({ page, request }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    const prompt = `${uniqueToken("undo")} a paper boat`;
    await completedRun(request, { prompt });
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const card = earlierCard(page, prompt);
    await card.button("Delete").click();
    await new ConfirmDialog(page).confirm("Delete").click();

    const undo = undoButton(page);
    await undo.hover();
    const look = await undo.evaluate((button) => {
      const own = getComputedStyle(button);
      const toast = getComputedStyle(button.closest("[data-testid='toast']")!);
      return {
        background: own.backgroundColor,
        toast: toast.backgroundColor,
        size: Number.parseFloat(own.fontSize),
        weight: own.fontWeight,
      };
    });
    // Filled, set apart from the toast, in text a size up from the fine print.
    expect(look.background).not.toBe(look.toast);
    expect(look.background).not.toBe("rgba(0, 0, 0, 0)");
    expect(look.size).toBeGreaterThanOrEqual(14);
    expect(Number(look.weight)).toBeGreaterThanOrEqual(600);
    // WCAG AA: 4.5:1 for its text (axe's colour-contrast), in this theme.
    expect(await axeViolations(page, "[data-testid='toast']")).toEqual([]);
    // The toast takes the header's place: nothing of the page is under it.
    const toastBox = await page.getByTestId("toast").boundingBox();
    expect(toastBox!.y + toastBox!.height).toBeLessThanOrEqual(56);
    await undo.click();
    await expect(card.root).toBeVisible();
  });
}

test("image numbers are in the controls' names, not beside their icons", async ({ page, request }) => {
  const prompt = `${uniqueToken("numbers")} two kites`;
  await completedRun(request, { prompt, num_images: 2 });
  const history = new HistoryPage(page);
  await history.goto({ q: prompt });
  const entry = history.entry(prompt).root;
  for (const position of [1, 2]) {
    for (const name of [`Select image ${position} for compare`, `Star image ${position}`]) {
      const control = entry.getByRole("button", { name, exact: true });
      await expect(control).toBeVisible();
      await expect(control).toHaveText("");
    }
  }
});

test("Retry after a submit that never reached the server keeps where the run came from; its card says the seed was to be random", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const prompt = `${uniqueToken("retry")} a red kite`;
  const parent = await completedRun(request, { prompt });
  const playground = new PlaygroundPage(page);
  await playground.goto();

  // The connection drops on every submit (the one try and its resends), until the route is let go.
  const drop = (route: import("@playwright/test").Route) =>
    route.request().method() === "POST" ? route.abort("connectionreset") : route.continue();
  await page.route("**/api/predictions", drop);
  await earlierCard(page, prompt).button("Vary seed").click();
  const failed = playground.newestRun();
  await expect(failed.root).toHaveAttribute("data-status", "failed");
  await expect(failed.root.getByTestId("run-error")).toContainText("Cannot reach the playground server");
  await expect(failed.root.getByTestId("run-summary")).toContainText("random seed");
  await expect(failed.root.getByTestId("run-summary")).not.toContainText("seed -1");

  await page.unroute("**/api/predictions", drop);
  const resent = page.waitForRequest((sent) => sent.method() === "POST" && sent.url().endsWith("/api/predictions"));
  await failed.button("Retry").click();
  expect((await resent).postDataJSON()).toMatchObject({ parent: { id: parent.id, kind: "vary_seed" } });
  const retried = playground.newestRun();
  await retried.waitUntilCompleted();
  await expect(retried.root.getByTestId("lineage-chip")).toContainText(`vary seed of ${shortId(parent.id)}`);
  const id = (await retried.shareLink.getAttribute("href"))!.split("/").pop()!;
  const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${id}`)).json());
  expect(view.lineage).toMatchObject({ parentId: parent.id, kind: "vary_seed" });
});
