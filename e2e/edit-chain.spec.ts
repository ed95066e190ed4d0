import { expect, type Page, test } from "@playwright/test";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { solid, textAsPng } from "@/testing/images";
import { PlaygroundPage } from "./pages/playground-page";
import { completedRun } from "./wavespeed/upstream";

const token = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Fills the instruction and submits the edit; answers the new run's id once it has completed with its before and after. */
async function editWith(playground: PlaygroundPage, instruction: string) {
  await expect(playground.page.getByTestId("input-thumb")).toHaveCount(1);
  await playground.prompt.fill(instruction);
  await playground.page.getByRole("button", { name: "Edit", exact: true }).click();
  const card = playground.newestRun();
  await expect(card.root).toContainText(instruction);
  await card.waitUntilCompleted();
  await expect(card.root.getByTestId("before-after")).toBeVisible();
  return (await card.shareLink.getAttribute("href"))!.split("/").pop()!;
}

/**
 * "Edit" on the first image of one run's card, found by its id (the newest card changes with every run);
 * done once the form holds that picture (the link's navigation refills the form).
 */
async function editOf(page: Page, id: string) {
  await page
    .getByTestId("session-runs")
    .getByTestId("run-card")
    .filter({ has: page.locator(`a[href="/p/${id}"]`, { hasText: "Share page" }) })
    .getByRole("link", { name: "Edit image 1" })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`[?&]from=${id}(&|$)`));
  await expect(page.getByTestId("input-thumb")).toHaveAttribute("src", new RegExp(id));
}

const viewOf = async (page: Page, id: string) =>
  predictionViewSchema.parse(await (await page.request.get(`/api/predictions/${id}`)).json());

test.describe("chains of edits in the playground", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a chain of three edits from a generated image, a branch, and the filmstrip", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const name = token("fox");
    await playground.fill({ prompt: `${name} a red fox in a meadow` });
    await playground.generate();
    const original = playground.newestRun();
    await original.waitUntilCompleted();

    await original.root.getByRole("link", { name: "Edit image 1" }).first().click();
    await expect(page).toHaveURL(/img=/);
    const firstId = await editWith(playground, `${name} make it night`);
    await editOf(page, firstId);
    const secondId = await editWith(playground, `${name} add snow`);
    await editOf(page, secondId);
    const thirdId = await editWith(playground, `${name} as a pencil sketch`);

    // A branch: a second edit of the first edit's picture.
    await editOf(page, firstId);
    await editWith(playground, `${name} at sunset`);

    const chain = await viewOf(page, thirdId);
    expect(chain.lineage).toMatchObject({ kind: "edit" });

    // The share page of the last step: before and after, and the chain as one tree.
    await page.goto(`/p/${thirdId}`);
    await expect(page.getByTestId("before-after")).toBeVisible();
    const strip = page.getByTestId("filmstrip");
    await expect(strip.getByTestId("filmstrip-line").getByTestId("filmstrip-step")).toHaveCount(4);
    await expect(strip).toContainText(`${name} make it night`);
    await expect(strip).toContainText(`${name} as a pencil sketch`);
    await expect(strip.locator('[aria-current="step"]')).toHaveAttribute("data-id", thirdId);
    // The branch from the first edit hangs under it: the original is column 0, the first edit 1, the branch 2.
    const fork = strip.getByTestId("filmstrip-fork");
    await expect(fork).toHaveCount(1);
    await expect(fork).toHaveAttribute("data-column", "2");
    await expect(fork).toContainText(`${name} at sunset`);
    const under = (await strip.locator(`[data-id="${firstId}"]`).boundingBox())!;
    const branch = (await fork.getByTestId("filmstrip-step").boundingBox())!;
    expect(branch.x).toBeGreaterThan(under.x);
    expect(branch.y).toBeGreaterThan(under.y + under.height);

    // Every page of the chain draws the same tree; only the marked step moves.
    const tree = async () =>
      strip
        .locator('[data-testid="filmstrip-step"][data-id]')
        .evaluateAll((steps) => steps.map((step) => step.getAttribute("data-id")));
    const fromLast = await tree();
    for (const id of [firstId, secondId]) {
      await page.goto(`/p/${id}`);
      await expect(strip.locator('[aria-current="step"]')).toHaveAttribute("data-id", id);
      expect(await tree()).toEqual(fromLast);
    }

    // The thread view lays out the whole chain, forks included.
    await page.goto(`/history?thread=${encodeURIComponent(chain.threadId)}`);
    await expect(page.getByTestId("filmstrip").getByTestId("filmstrip-step")).toHaveCount(5);
    await expect(page.getByTestId("filmstrip-fork")).toHaveCount(1);

    // Continue from here edits the marked step, here the middle one.
    await page.goto(`/p/${secondId}`);
    await page.getByRole("link", { name: "Continue from here" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${secondId}`));
    await expect(page.getByTestId("input-thumb")).toHaveCount(1);
  });

  test("a chain from a dropped file; a bad file refused in the form; a pasted picture; Multi; a URL", async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const name = token("dropped");
    const png = await solid(300, 200, "#2b6cb0").png().toBuffer();
    const drop = await page.evaluateHandle((base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], "mine.png", { type: "image/png" }));
      return transfer;
    }, png.toString("base64"));
    await page.locator("form").dispatchEvent("drop", { dataTransfer: drop });
    const firstId = await editWith(playground, `${name} make it night`);
    const view: PredictionView = await viewOf(page, firstId);
    expect(view.input.edit).toMatchObject({ kind: "edit", matchInput: true });
    await editOf(page, firstId);
    await editWith(playground, `${name} add rain`);

    await page.getByTestId("edit-file").setInputFiles({ name: "note.png", mimeType: "image/png", buffer: textAsPng() });
    await expect(page.getByTestId("edit-inputs-error")).toContainText(/not an image|JPEG, PNG/);

    // Pasted from the clipboard: the picture takes the place of the one there.
    const before = await page.getByTestId("input-thumb").getAttribute("src");
    const pasted = await solid(200, 200, "#c53030").png().toBuffer();
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], "pasted.png", { type: "image/png" }));
      document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, pasted.toString("base64"));
    await expect(page.getByTestId("input-thumb")).toHaveCount(1);
    await expect(page.getByTestId("input-thumb")).not.toHaveAttribute("src", before!);

    // Multi: a second picture joins the first, and both show as the run's before.
    await page.getByLabel("Multi: combine 2 to 4 pictures").check();
    await page.getByTestId("edit-file").setInputFiles({ name: "second.png", mimeType: "image/png", buffer: png });
    await expect(page.getByTestId("input-thumb")).toHaveCount(2);
    await playground.prompt.fill(`${name} side by side`);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const multi = playground.newestRun();
    await expect(multi.root).toContainText(`${name} side by side`);
    await multi.waitUntilCompleted();
    await expect(multi.root.getByTestId("before-after").getByRole("img")).toHaveCount(2);

    // A URL is fetched by the server when the edit is sent; a loopback one is refused, and the card says why.
    await page.getByLabel("Multi: combine 2 to 4 pictures").uncheck();
    await page.getByLabel("Image URL").fill("https://127.0.0.1:9/private.png");
    await page.getByRole("button", { name: "Use", exact: true }).click();
    await expect(page.getByTestId("edit-inputs")).toContainText("127.0.0.1");
    await playground.prompt.fill(`${name} from a URL`);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await expect(playground.newestRun().root).toContainText(/image is refused/);
  });

  test("deleting the middle of a chain keeps every other step's before and after", async ({ request }) => {
    const submit = (body: Record<string, unknown>) => completedRun(request, body);
    const pathOf = (view: PredictionView) => new URL(view.outputs[0].url).pathname;
    const name = token("middle");
    const root = await submit({ prompt: `${name} a lighthouse` });
    const steps = [root];
    for (const instruction of ["make it night", "add fog", "as a watercolor"]) {
      const parent = steps[steps.length - 1];
      steps.push(
        await submit({ prompt: `${name} ${instruction}`, image: pathOf(parent), parent: { id: parent.id, kind: "edit" } }),
      );
    }
    expect((await request.delete(`/api/predictions/${steps[2].id}`)).status()).toBe(204);
    for (const step of [steps[1], steps[3]]) {
      const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${step.id}`)).json());
      for (const url of [view.input.edit!.images[0].url, view.input.edit!.images[0].thumbUrl, view.outputs[0].url]) {
        expect((await request.get(url)).status(), url).toBe(200);
      }
    }
  });
});
