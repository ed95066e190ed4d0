import { type APIRequestContext, expect, test } from "@playwright/test";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { HistoryPage } from "./pages/history-page";
import { SharePage } from "./pages/share-page";
import { uniqueToken, waitForTerminal } from "./wavespeed/upstream";

async function completed(request: APIRequestContext, body: object): Promise<PredictionView> {
  const created = predictionViewSchema.parse(await (await request.post("/api/predictions", { data: body })).json());
  return waitForTerminal(request, created.id);
}

test("a star and a note set on the share page survive a reload, and history filters and searches by them", async ({
  page,
  request,
}) => {
  const token = uniqueToken("notes");
  const run = await completed(request, { prompt: `${token} a harbour at dawn`, num_images: 2 });
  await completed(request, { prompt: `${token} a quiet street` });

  const share = new SharePage(page);
  await share.goto(run.id);
  const star = page.getByRole("button", { name: "Star image 2" });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await expect(star).toHaveAttribute("data-ready", "true");
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Add note" }).click();
  await page.getByLabel("Note", { exact: true }).fill("Best light of the morning — keep for the series");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByTestId("note-text")).toHaveText("Best light of the morning — keep for the series");

  await page.reload();
  await expect(page.getByRole("button", { name: "Star image 2" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Star image 1" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("note-text")).toHaveText("Best light of the morning — keep for the series");

  const history = new HistoryPage(page);
  await history.goto({ q: token });
  await expect(history.entries).toHaveCount(2);
  await page.getByLabel("Starred only").check();
  await expect(history.entries).toHaveCount(1);
  await expect(history.entries.first()).toHaveAttribute("data-id", run.id);
  await page.getByLabel("Starred only").uncheck();
  await page.getByLabel("Has a note").check();
  await expect(history.entries).toHaveCount(1);
  await page.getByLabel("Has a note").uncheck();
  // The search covers notes.
  await history.search.fill(`${token}`);
  await expect(history.entries).toHaveCount(2);
  await history.goto({ q: "light of the morning" });
  await expect(page.locator(`[data-testid="history-entry"][data-id="${run.id}"]`)).toBeVisible();

  // Editable from history too: unstar, and change the note; a reload keeps both.
  await history.goto({ q: token });
  const entry = page.locator(`[data-testid="history-entry"][data-id="${run.id}"]`);
  await expect(entry.getByRole("button", { name: "Star image 2" })).toHaveAttribute("data-ready", "true");
  await entry.getByRole("button", { name: "Star image 2" }).click();
  await expect(entry.getByRole("button", { name: "Star image 2" })).toHaveAttribute("aria-pressed", "false");
  await entry.getByRole("button", { name: "Edit note" }).click();
  await entry.getByLabel("Note", { exact: true }).fill("Second thoughts");
  await entry.getByRole("button", { name: "Save note" }).click();
  await expect(entry.getByTestId("note-text")).toHaveText("Second thoughts");
  await page.reload();
  await expect(entry.getByRole("button", { name: "Star image 2" })).toHaveAttribute("aria-pressed", "false");
  await expect(entry.getByTestId("note-text")).toHaveText("Second thoughts");
});

test("the lightbox stars and notes the image it shows", async ({ page, request }) => {
  const run = await completed(request, { prompt: `${uniqueToken("lightbox")} two boats`, num_images: 2 });
  const share = new SharePage(page);
  await share.goto(run.id);
  // The gallery's buttons are in the server's HTML: a click before they hydrate opens nothing.
  await expect(page.getByRole("button", { name: "Star image 2" })).toHaveAttribute("data-ready", "true");
  await page.getByRole("button", { name: "Open image 2 of 2" }).click();
  const dialog = page.getByRole("dialog", { name: "Image 2 of 2" });
  await dialog.getByRole("button", { name: "Star image 2" }).click();
  await expect(dialog.getByRole("button", { name: "Star image 2" })).toHaveAttribute("aria-pressed", "true");
  await dialog.getByRole("button", { name: "Add note" }).click();
  await dialog.getByLabel("Note", { exact: true }).fill("from the lightbox");
  await dialog.getByRole("button", { name: "Save note" }).click();
  await expect(dialog.getByTestId("note-text")).toHaveText("from the lightbox");

  const stored = predictionViewSchema.parse(await (await request.get(`/api/predictions/${run.id}`)).json());
  expect(stored.outputs.map((output) => output.starred)).toEqual([false, true]);
  expect(stored.note).toBe("from the lightbox");
  // Too long a note is a 400 naming the field; nothing changes.
  const tooLong = await request.patch(`/api/predictions/${run.id}`, { data: { note: "x".repeat(2001) } });
  expect(tooLong.status()).toBe(400);
  expect(await tooLong.json()).toMatchObject({ error_code: "invalid_request", field: "note" });
});
