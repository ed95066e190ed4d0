import fs from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { predictionViewSchema } from "@/lib/playground-api";
import { PlaygroundPage } from "./pages/playground-page";
import { SharePage } from "./pages/share-page";
import { uniqueToken, waitForTerminal } from "./wavespeed/upstream";

test("a downloaded image carries its recipe, and Open recipe fills the form with it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const prompt = `Café by a canal — “night” ${uniqueToken("recipe")}`;
  const created = predictionViewSchema.parse(
    await (
      await request.post("/api/predictions", {
        data: { prompt, seed: 4242, aspect_ratio: "3:2", guidance_scale: 6.5, safety_tolerance: "4", num_images: 2 },
      })
    ).json(),
  );
  const run = await waitForTerminal(request, created.id);
  const share = new SharePage(page);
  await share.goto(run.id);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download image 2" }).click();
  const download = await downloading;
  const file = path.join(test.info().outputDir, download.suggestedFilename());
  await download.saveAs(file);
  // The served original is left as it was; the download is that image, recipe added.
  const served = await (await request.get(run.outputs[1].url)).body();
  expect((await sharp(served).metadata()).exif).toBeUndefined();
  expect((await sharp(await fs.readFile(file)).metadata()).exif).toBeDefined();

  const playground = new PlaygroundPage(page);
  await playground.goto();
  await expect(playground.prompt).toHaveValue("");
  await page.getByLabel(/^Open recipe/).setInputFiles(file);
  await expect(page.getByTestId("open-recipe").getByRole("status")).toHaveText(
    `Opened the recipe of ${download.suggestedFilename()}: seed 4242, 3:2.`,
  );
  await expect(playground.prompt).toHaveValue(prompt);
  await expect(playground.seed).toHaveValue("4242");
  await expect(playground.aspectRatio("3:2")).toBeChecked();
  await expect(playground.guidance).toHaveValue("6.5");
  await expect(playground.safety).toHaveValue("4");
  await expect(playground.numberOfImages(2)).toBeChecked();

  // Any other image is refused, politely.
  const plain = path.join(test.info().outputDir, "plain.png");
  await fs.writeFile(
    plain,
    await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
      .png()
      .toBuffer(),
  );
  await page.getByLabel(/^Open recipe/).setInputFiles(plain);
  await expect(page.getByTestId("open-recipe").getByRole("alert")).toHaveText("plain.png carries no playground recipe.");
});
