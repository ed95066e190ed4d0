import type { Locator, Page } from "@playwright/test";

/** `/p/{id}`: one prediction, server-rendered. */
export class SharePage {
  readonly prompt: Locator;
  readonly seed: Locator;
  readonly status: Locator;
  readonly images: Locator;
  readonly useSettings: Locator;
  readonly rerun: Locator;
  readonly varySeed: Locator;
  readonly copySeed: Locator;
  readonly copyLink: Locator;
  readonly downloads: Locator;
  readonly deleteButton: Locator;
  readonly notFound: Locator;

  constructor(readonly page: Page) {
    this.prompt = page.getByTestId("share-prompt");
    this.seed = page.getByTestId("seed-value");
    this.status = page.getByTestId("run-status");
    this.images = page.getByTestId("result-image");
    this.useSettings = page.getByRole("link", { name: "Use these settings" });
    this.rerun = page.getByRole("button", { name: "Re-run", exact: true });
    this.varySeed = page.getByRole("button", { name: "Vary seed", exact: true });
    this.copySeed = this.copyButton("Copy seed");
    this.copyLink = this.copyButton("Copy share link");
    this.downloads = page.getByRole("link", { name: /^Download/ });
    this.deleteButton = page.getByRole("button", { name: "Delete", exact: true });
    this.notFound = page.getByRole("heading", { name: "No such generation" });
  }

  /** A copy button once hydrated: a click on it before then copies nothing. */
  copyButton(label: string): Locator {
    return this.page.getByRole("button", { name: label, exact: true }).and(this.page.locator('[data-ready="true"]'));
  }

  goto(id: string) {
    return this.page.goto(`/p/${encodeURIComponent(id)}`);
  }

  /** The id in the address bar. */
  id(): string {
    const match = new URL(this.page.url()).pathname.match(/^\/p\/([^/]+)$/);
    if (!match?.[1]) throw new Error(`not a share page: ${this.page.url()}`);
    return decodeURIComponent(match[1]);
  }

  metaContent(attribute: "property" | "name", key: string): Promise<string | null> {
    return this.page.locator(`meta[${attribute}="${key}"]`).first().getAttribute("content");
  }
}
