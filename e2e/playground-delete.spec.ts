import { expect, test } from "@playwright/test";
import { PlaygroundPage, RunCard } from "./pages/playground-page";

const unique = (text: string) => `${text} (${test.info().testId}-${Date.now().toString(36)})`;

test("deleting a run card asks first; cancel keeps it, confirm removes the card and its images", async ({ page, request }) => {
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

  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await run.button("Delete").click();
  expect(asked).toContain("Delete this run");
  await expect(run.root).toBeVisible();
  await expect(run.images).toHaveCount(2);
  expect((await request.get(sharePath ?? "")).status()).toBe(200);

  page.once("dialog", (dialog) => void dialog.accept());
  await run.button("Delete").click();
  await expect(run.root).toHaveCount(0);
  // Gone from "Earlier" too, not just from this session's list.
  await expect(page.getByTestId("run-prompt").filter({ hasText: prompt })).toHaveCount(0);
  for (const url of imageUrls) expect((await request.get(url)).status()).toBe(404);
  expect((await request.get(sharePath ?? "")).status()).toBe(404);
});
