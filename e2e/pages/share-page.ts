import type { Locator, Page } from "@playwright/test";

/** `/p/{id}`: one prediction, server-rendered. */
export class SharePage {
  readonly prompt: Locator;
  readonly seed: Locator;
  readonly images: Locator;
  readonly useSettings: Locator;

  constructor(readonly page: Page) {
    this.prompt = page.getByTestId("share-prompt");
    this.seed = page.getByTestId("seed-value");
    this.images = page.getByTestId("result-image");
    this.useSettings = page.getByRole("link", { name: "Use these settings" });
  }

  metaContent(attribute: "property" | "name", key: string): Promise<string | null> {
    return this.page.locator(`meta[${attribute}="${key}"]`).first().getAttribute("content");
  }
}
