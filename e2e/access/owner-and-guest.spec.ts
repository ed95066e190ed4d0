import { expect, test } from "@playwright/test";
import { E2E_ACCESS_TOKEN } from "@/testing/ports";
import { LoginPage } from "../pages/login-page";
import { PlaygroundPage } from "../pages/playground-page";
import { SharePage } from "../pages/share-page";
import { watchCsp } from "./csp-watch";
import { ownerApiRoutes, ownerPages } from "./owner-routes";

/** Two people, two browsers: the owner with the token, and a guest with only a link. */
test("the owner signs in and shares a run; a guest sees it and nothing else; signed out, the owner is a guest", async ({
  browser,
  baseURL,
}) => {
  // A browser on a busy 2-core machine takes its time; nothing here is about speed.
  test.setTimeout(180_000);
  const owner = await browser.newContext({ baseURL, permissions: ["clipboard-read", "clipboard-write"] });
  const guest = await browser.newContext({ baseURL });
  const ownerViolations = await watchCsp(owner);
  const guestViolations = await watchCsp(guest);
  try {
    // The playground sends the owner to sign in first, and back afterwards.
    const page = await owner.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?next=%2F$/);
    const login = new LoginPage(page);
    await login.signIn("this-is-not-the-token");
    await expect(login.error).toHaveText("That access token is not right.");
    await login.signIn(E2E_ACCESS_TOKEN);
    await expect(page).toHaveURL(`${baseURL}/`);
    const [cookie] = await owner.cookies();
    expect(cookie).toMatchObject({ name: "kontext_session", httpOnly: true, sameSite: "Lax", secure: false });
    expect(cookie?.value).not.toContain(E2E_ACCESS_TOKEN);

    // Generates, and copies the share link.
    const playground = new PlaygroundPage(page);
    await playground.goto();
    const prompt = `A lighthouse on a cliff at dawn ${Date.now().toString(36)}`;
    await playground.fill({ prompt, images: 2 });
    await playground.generate();
    const run = playground.newestRun();
    await run.waitUntilCompleted();
    await run.button("Copy share link").click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${baseURL}/p/[0-9a-f]{32}$`));
    const id = link.split("/p/")[1]!;

    // The guest opens it: the images and the prompt, and no owner action once the page knows who it is.
    const guestPage = await guest.newPage();
    const requested: string[] = [];
    guestPage.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await guestPage.goto(link);
    const share = new SharePage(guestPage);
    await expect(share.prompt).toHaveText(prompt);
    await expect(share.images).toHaveCount(2);
    await expect(share.images.first()).toHaveJSProperty("naturalWidth", 1024);
    await expect(share.downloads).toHaveCount(2);
    await expect(guestPage.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    for (const action of [share.rerun, share.varySeed, share.deleteButton, share.useSettings])
      await expect(action).toHaveCount(0);
    await expect(guestPage.getByRole("link", { name: "History", exact: true })).toHaveCount(0);
    await expect(guestPage.getByRole("link", { name: "Playground", exact: true })).toHaveCount(0);
    expect(requested).not.toContain("/api/events");

    // Refused at the owner's pages (sent to sign in) and at every owner API (401 in the envelope).
    for (const path of ownerPages) {
      await guestPage.goto(path);
      await expect(guestPage).toHaveURL(`${baseURL}/login?next=${encodeURIComponent(path)}`);
      await expect(new LoginPage(guestPage).token).toBeVisible();
    }
    for (const [method, path] of ownerApiRoutes(id)) {
      const response = await guest.request.fetch(path, {
        method,
        data: method === "POST" ? { prompt: "a guest's run" } : undefined,
      });
      expect(response.status(), `${method} ${path}`).toBe(401);
      expect(await response.json(), `${method} ${path}`).toMatchObject({ code: 401, data: null, error_code: "unauthorized" });
    }
    expect((await guest.request.get(`/api/predictions/${id}`)).status()).toBe(200);

    // The owner sees the owner's actions on the same page, signs out, and is a guest again.
    await page.goto(link);
    const ownerShare = new SharePage(page);
    await expect(ownerShare.rerun).toBeVisible();
    await expect(ownerShare.deleteButton).toBeVisible();
    await expect(ownerShare.useSettings).toBeVisible();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await expect(ownerShare.images).toHaveCount(2);
    for (const action of [ownerShare.rerun, ownerShare.varySeed, ownerShare.deleteButton, ownerShare.useSettings]) {
      await expect(action).toHaveCount(0);
    }
    expect(await owner.cookies()).toEqual([]);
    await page.goto("/history");
    await expect(page).toHaveURL(`${baseURL}/login?next=%2Fhistory`);

    // The app, the share page and Next's runtime ran under the CSP without a single violation.
    expect(ownerViolations).toEqual([]);
    expect(guestViolations).toEqual([]);
  } finally {
    await owner.close();
    await guest.close();
  }
});
