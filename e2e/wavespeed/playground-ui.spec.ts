import { expect, test } from "@playwright/test";
import { waitUntilHydrated } from "../pages/hydrated";
import { FAKE_API_KEY, uniqueToken, upstreamCalls } from "./upstream";

/** One run of the whole playground, browser to fake upstream and back, by accessible names only. */
test("generating two images through WaveSpeed shows both once they load", async ({ page }) => {
  // A browser on a busy 2-core machine takes its time to hydrate; nothing here is about speed.
  test.setTimeout(120_000);
  const token = uniqueToken("ui");
  await page.goto("/");
  // Before hydration a click on Generate would be a plain form GET, not a prediction.
  await waitUntilHydrated(page);

  // The real family is named (the form picks the model), and what a run will cost is shown before Generate.
  await expect(page.getByRole("banner")).toContainText("FLUX.1 Kontext on WaveSpeed");
  await expect(page.getByText("not made by FLUX")).toHaveCount(0);
  await expect(page.getByTestId("cost-estimate")).toContainText("$0.04 × 1 = $0.04");

  await page.getByLabel("Prompt", { exact: true }).fill(`A lighthouse at dusk ${token} [duration:1500]`);
  await page.getByRole("radiogroup", { name: "Number of images" }).getByRole("radio", { name: "2", exact: true }).check();
  await expect(page.getByTestId("cost-estimate")).toContainText("$0.04 × 2 = $0.08");
  await page.getByRole("button", { name: "Generate", exact: true }).click();

  const run = page.getByRole("article").filter({ hasText: token });
  const images = run.getByTestId("result-image");
  await expect(images).toHaveCount(2, { timeout: 45_000 });
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    // The 1024 px original, as a copy the size of the card (made from the mirrored original here).
    await expect(image).toHaveAttribute("width", "1024");
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.currentSrc), {
        timeout: 30_000,
      })
      .toMatch(/\/api\/thumbs\//);
  }

  const upstream = await upstreamCalls(token);
  expect(upstream.submits).toHaveLength(1);
  expect(upstream.submits[0].body).toMatchObject({ num_images: 2, aspect_ratio: "1:1" });
  expect(upstream.submits[0].headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
  expect(await page.content()).not.toContain(FAKE_API_KEY);
});
