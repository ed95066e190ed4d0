import { expect, test } from "@playwright/test";
import { ConfirmDialog, undoButton } from "./pages/confirm-dialog";
import { PlaygroundPage, RunCard } from "./pages/playground-page";

const unique = (text: string) => `${text} (${test.info().testId}-${Date.now().toString(36)})`;

test("deleting a run card asks in the page's dialog; cancel keeps it, undo brings it back, confirm removes the card and its images", async ({
  page,
  request,
}) => {
  // Up to half a minute on a busy 2-core machine: a generation, three dialogs, an undo.
  test.setTimeout(120_000);
  const playground = new PlaygroundPage(page);
  await playground.goto();
  const prompt = unique("Two sailboats in a calm bay");
  await playground.fill({ prompt, images: 2 });
  await playground.generate();

  const run = new RunCard(playground.runs.filter({ hasText: prompt }));
  await run.waitUntilCompleted();
  await expect(run.images).toHaveCount(2);
  const imageUrls = await run.images.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src));
  for (const url of imageUrls) expect((await request.get(url)).status()).toBe(200);
  const sharePath = await run.shareLink.getAttribute("href");

  const dialog = new ConfirmDialog(page);
  await run.button("Delete").click();
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root).toContainText("Delete this run?");
  await dialog.cancel.click();
  await expect(dialog.root).toBeHidden();
  await expect(run.root).toBeVisible();
  await expect(run.images).toHaveCount(2);
  expect((await request.get(sharePath ?? "")).status()).toBe(200);

  // Confirmed, then undone: the card comes back and nothing was removed.
  await run.button("Delete").click();
  await dialog.confirm("Delete").click();
  await expect(run.root).toHaveCount(0);
  await undoButton(page).click();
  await expect(run.root).toBeVisible();
  expect((await request.get(sharePath ?? "")).status()).toBe(200);

  await run.button("Delete").click();
  await dialog.confirm("Delete").click();
  await expect(run.root).toHaveCount(0);
  // The files go once the undo toast has gone.
  await expect(undoButton(page)).toBeHidden();
  await expect.poll(async () => (await request.get(sharePath ?? "")).status()).toBe(404);
  // Gone from "Earlier" too, not just from this session's list.
  await expect(page.getByTestId("run-prompt").filter({ hasText: prompt })).toHaveCount(0);
  for (const url of imageUrls) expect((await request.get(url)).status()).toBe(404);
  expect((await request.get(sharePath ?? "")).status()).toBe(404);
});
