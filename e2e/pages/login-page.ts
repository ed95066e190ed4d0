import type { Locator, Page } from "@playwright/test";
import { waitUntilHydrated } from "./hydrated";

/** `/login`: the owner's way in. */
export class LoginPage {
  readonly token: Locator;
  readonly signInButton: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.token = page.getByLabel("Access token", { exact: true });
    this.signInButton = page.getByRole("button", { name: "Sign in", exact: true });
    this.error = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
  }

  /** Signs in on the page the browser is on (a redirect brought it here, or `goto`). */
  async signIn(token: string) {
    await waitUntilHydrated(this.page);
    await this.token.fill(token);
    await this.signInButton.click();
  }
}
