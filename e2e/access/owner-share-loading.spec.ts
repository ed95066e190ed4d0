import { expect, test } from "@playwright/test";
import { deferred } from "@/testing/deferred";
import { rawRequest } from "@/testing/http-client";
import { E2E_ACCESS_TOKEN } from "@/testing/ports";
import { SharePage } from "../pages/share-page";
import { ACCESS_URL, JSON_TYPE, OWNER, ownerPrediction } from "./api-client";

/**
 * On a server with a token the share page is the same HTML for everyone; the browser then asks who
 * is looking, and for the owner fetches the owner's parts. While they load, what a guest sees stays.
 */
test("the owner's share page keeps its pictures and note on screen while the owner's parts load", async ({ browser }) => {
  const run = await ownerPrediction(`A lantern on a jetty ${Date.now().toString(36)}`);
  const note = "keep this one";
  const annotated = await rawRequest(`${ACCESS_URL}/api/predictions/${run.id}`, {
    method: "PATCH",
    headers: { ...OWNER, ...JSON_TYPE },
    body: JSON.stringify({ note }),
  });
  expect(annotated.status, annotated.body).toBe(200);

  const owner = await browser.newContext({ baseURL: ACCESS_URL });
  const signedIn = await owner.request.post("/api/session", {
    data: { token: E2E_ACCESS_TOKEN },
    headers: { origin: ACCESS_URL },
  });
  expect(signedIn.status()).toBe(200);
  const page = await owner.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));

  // The page loads whole; the answer to "who is looking" waits for it, and from then on every script is held.
  const { promise: pageLoaded, resolve: loaded } = deferred();
  const { promise: released, resolve: release } = deferred();
  let holding = false;
  const held: string[] = [];
  await page.route("**/api/session", async (route) => {
    await pageLoaded;
    holding = true;
    await route.continue();
  });
  await page.route("**/_next/static/chunks/**", async (route) => {
    if (holding) {
      held.push(route.request().url());
      await released;
    }
    await route.continue();
  });

  const share = new SharePage(page);
  await page.goto(`/p/${run.id}`, { waitUntil: "load" });
  await expect(share.images).toHaveCount(1);
  loaded();
  // The session says owner and the owner's parts are asked for, and held.
  await expect.poll(() => held.length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(share.images).toHaveCount(1);
  await expect(share.images.first()).toBeVisible();
  await expect(page.getByTestId("note-text")).toHaveText(note);

  release();
  // Then the owner's controls arrive where the guest's view was.
  await expect(share.rerun).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit note" })).toBeVisible();
  await expect(share.images).toHaveCount(1);
  expect(errors).toEqual([]);
  await owner.close();
});
