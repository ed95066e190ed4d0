import { expect, test } from "@playwright/test";
import { atEveryView, axeViolations } from "../pages/axe";
import { LoginPage } from "../pages/login-page";

atEveryView("sign-in", 120_000, () => {
  test("a guest's sign-in page is axe clean, as it opens and with a wrong token refused", async ({ page }) => {
    // axe reads every node of the page: on a busy 2-core machine it can take most of a minute.
    test.slow();
    await page.goto("/login?next=%2Fhistory");
    const login = new LoginPage(page);
    await expect(login.token).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await login.signIn("this-is-not-the-token");
    await expect(login.error).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});
