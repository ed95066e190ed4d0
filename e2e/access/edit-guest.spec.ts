import { expect, test } from "@playwright/test";
import { EDIT_PATH, MULTI_PATH } from "@/lib/contract";
import { ACCESS_URL, imagePathOf, ownerPrediction } from "./api-client";

test("a guest sees an edit's before and after on its share page, but no Edit, and may not edit or upload", async ({
  browser,
}) => {
  const original = await ownerPrediction(`A quiet harbour ${Date.now().toString(36)}`);
  const { id } = await ownerPrediction({
    prompt: "make it night",
    image: imagePathOf(original),
    parent: { id: original.id, kind: "edit" },
  });

  const guest = await browser.newContext({ baseURL: ACCESS_URL });
  const page = await guest.newPage();
  await page.goto(`/p/${id}`);
  const beforeAfter = page.getByTestId("before-after");
  await expect(beforeAfter).toBeVisible();
  // The "before" is the original's picture, loaded from this server for a guest too.
  await expect
    .poll(() => page.getByTestId("before-image").evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBeGreaterThan(0);
  await expect(page.getByTestId("filmstrip").getByTestId("filmstrip-step")).toHaveCount(2);
  await expect(page.getByTestId("edit-action")).toHaveCount(0);

  for (const path of [EDIT_PATH, MULTI_PATH, "/api/v3/media/uploads"]) {
    const response = await guest.request.post(path, { data: { prompt: "a guest's edit", image: imagePathOf(original) } });
    expect(response.status(), path).toBe(401);
  }
  const upload = await guest.request.post("/api/v3/media/upload/binary", {
    multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("not really") } },
  });
  expect(upload.status()).toBe(401);
  await guest.close();
});
