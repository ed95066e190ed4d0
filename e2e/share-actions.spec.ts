import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import exifr from "exifr";
import sharp from "sharp";
import { predictionViewSchema, readRecipe } from "@/lib/playground-api";
import { ConfirmDialog } from "./pages/confirm-dialog";
import { SharePage } from "./pages/share-page";
import { completedRun } from "./wavespeed/upstream";

// Copy buttons write to the clipboard; the test reads it back.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** A lowercase token that survives the server's prompt slug unchanged, so file names are predictable. */
const token = () => `${test.info().workerIndex}x${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("share page actions", () => {
  test("Re-run starts a new prediction with the same seed and opens its share page", async ({ page, request }) => {
    const prompt = `Red airship over a harbour at dusk ${token()}`;
    const original = await completedRun(request, { prompt, seed: 424242, aspect_ratio: "3:2" });
    const share = new SharePage(page);
    await share.goto(original.id);

    await share.rerun.click();
    await expect(page).not.toHaveURL(new RegExp(`/p/${original.id}$`));
    await expect(page).toHaveURL(/\/p\/[\w-]+$/);
    const rerunId = share.id();
    await expect(share.prompt).toHaveText(prompt);
    await expect(share.seed).toHaveText("424242");
    // The new page follows the run until its image is there.
    await expect(share.status).toHaveText("completed");
    await expect(share.images).toHaveCount(1);
    await expect(share.images.first()).toHaveJSProperty("naturalWidth", 1248);

    const rerun = predictionViewSchema.parse(await (await request.get(`/api/predictions/${rerunId}`)).json());
    expect(rerun.input).toEqual(original.input);
    expect(rerun.seedRequested).toBe(424242);
  });

  test("Vary seed starts a new prediction with another seed and the same settings", async ({ page, request }) => {
    const prompt = `Snowy mountains under a starry sky ${token()}`;
    const original = await completedRun(request, { prompt, seed: 7, aspect_ratio: "16:9", guidance_scale: 5 });
    const share = new SharePage(page);
    await share.goto(original.id);

    await share.varySeed.click();
    await expect(page).not.toHaveURL(new RegExp(`/p/${original.id}$`));
    await expect(share.prompt).toHaveText(prompt);
    await expect(share.seed).not.toHaveText("7");

    const varied = predictionViewSchema.parse(await (await request.get(`/api/predictions/${share.id()}`)).json());
    expect(varied.input.seed).not.toBe(7);
    expect(varied.seedRequested).toBeNull();
    expect({ ...varied.input, seed: 7 }).toEqual(original.input);
  });

  test("the actions wait for the page's scripts: a click before they have run is not lost", async ({ page, request }) => {
    const original = await completedRun(request, { prompt: `A paper boat on a puddle ${token()}`, seed: 11 });
    // The server's HTML shows the buttons at once; the scripts that make them work come a few seconds later.
    let releaseScripts = () => {};
    const scriptsHeld = new Promise<void>((resolve) => {
      releaseScripts = resolve;
    });
    await page.route("**/_next/static/chunks/**/*.js", async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    const share = new SharePage(page);
    await page.goto(`/p/${original.id}`, { waitUntil: "commit" });

    await expect(share.varySeed).toBeVisible();
    await expect(share.varySeed).toBeDisabled();
    const click = share.varySeed.click();
    releaseScripts();
    await click;
    await expect(page).not.toHaveURL(new RegExp(`/p/${original.id}$`));
    await expect(share.prompt).toHaveText(original.input.prompt);
  });

  test("Copy seed and Copy share link put the seed and the share URL on the clipboard", async ({ page, request, baseURL }) => {
    const original = await completedRun(request, { prompt: `A lighthouse on a cliff ${token()}`, seed: 31337 });
    const share = new SharePage(page);
    await share.goto(original.id);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    await share.copySeed.click();
    await expect(page.getByRole("status").filter({ hasText: "Copy seed: copied" })).toBeAttached();
    expect(await clipboard()).toBe("31337");

    await share.copyLink.click();
    await expect(page.getByRole("status").filter({ hasText: "Copy share link: copied" })).toBeAttached();
    expect(await clipboard()).toBe(`${baseURL}/p/${original.id}`);
  });

  test("Download gives each original under a name made of the prompt slug and the seed", async ({ page, request }) => {
    const mark = token();
    const original = await completedRun(request, {
      prompt: `Golden hills at sunset, ${mark}!`,
      seed: 2024,
      num_images: 2,
    });
    const share = new SharePage(page);
    await share.goto(original.id);
    await expect(share.downloads).toHaveCount(2);

    const second = original.outputs[1]!;
    const extension = second.url.match(/\.(\w+)$/)?.[1];
    const downloading = page.waitForEvent("download");
    await share.page.getByRole("link", { name: "Download image 2" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`golden-hills-at-sunset-${mark}-seed2024-2.${extension}`);

    // The same image as the one shown, with its recipe embedded.
    const saved = await fs.readFile(await download.path());
    const served = await (await request.get(second.url)).body();
    const [savedMeta, servedMeta] = await Promise.all([sharp(saved).metadata(), sharp(served).metadata()]);
    expect([savedMeta.format, savedMeta.width, savedMeta.height]).toEqual([
      servedMeta.format,
      servedMeta.width,
      servedMeta.height,
    ]);
    const { ImageDescription } = await exifr.parse(saved, { pick: ["ImageDescription"] });
    expect(readRecipe(ImageDescription)).toMatchObject({
      id: original.id,
      seed: 2024,
      prompt: `Golden hills at sunset, ${mark}!`,
    });
  });

  test("Delete asks first; once confirmed the page, the API and the images are gone", async ({ page, request }) => {
    const original = await completedRun(request, { prompt: `A quiet forest by a lake ${token()}` });
    const imageUrl = original.outputs[0]!.url;
    const share = new SharePage(page);
    await share.goto(original.id);
    const deletes: string[] = [];
    page.on("request", (sent) => sent.method() === "DELETE" && deletes.push(sent.url()));

    const dialog = new ConfirmDialog(page);
    await share.deleteButton.click();
    await expect(dialog.root).toContainText("Delete this run?");
    await dialog.cancel.click();
    await expect(dialog.root).toBeHidden();
    expect(deletes).toEqual([]);
    expect((await request.get(`/api/predictions/${original.id}`)).status()).toBe(200);

    await share.deleteButton.click();
    await dialog.confirm("Delete").click();
    await expect(share.notFound).toBeVisible();
    expect(deletes).toHaveLength(1);
    expect((await request.get(`/p/${original.id}`)).status()).toBe(404);
    expect((await request.get(`/api/predictions/${original.id}`)).status()).toBe(404);
    expect((await request.get(imageUrl)).status()).toBe(404);
  });
});
