import { expect, type Locator, type Page } from "@playwright/test";
import { waitUntilHydrated } from "./hydrated";

/** `/history`, as a person uses it: by labels and roles. */
export class HistoryPage {
  readonly search: Locator;
  readonly status: Locator;
  readonly entries: Locator;
  readonly loadMore: Locator;
  readonly noMatches: Locator;
  readonly totalImages: Locator;
  readonly totalCost: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole("searchbox", { name: "Search prompts" });
    this.status = page.getByLabel("Status", { exact: true });
    this.entries = page.getByTestId("history-entry");
    this.loadMore = page.getByRole("button", { name: "Load more" });
    this.noMatches = page.getByTestId("history-no-matches");
    this.totalImages = page.getByTestId("history-total-images");
    this.totalCost = page.getByTestId("history-total-cost");
  }

  /** `origin` reaches another playground than the test's own (the WaveSpeed one). */
  async goto(filters: { q?: string; status?: string } = {}, origin = "") {
    const query = new URLSearchParams(
      Object.entries(filters).filter((pair): pair is [string, string] => Boolean(pair[1])),
    ).toString();
    await this.page.goto(`${origin}/history${query ? `?${query}` : ""}`);
    await this.waitUntilReady();
  }

  /** Before hydration, typing in the search box filters nothing. */
  async waitUntilReady() {
    await waitUntilHydrated(this.page, 'form[role="search"]');
  }

  /** The URL's filters, as the page wrote them. */
  filtersInUrl() {
    const params = new URL(this.page.url()).searchParams;
    return { q: params.get("q"), status: params.get("status") };
  }

  entry(prompt: string): HistoryEntry {
    return new HistoryEntry(
      this.entries.filter({ has: this.page.getByTestId("history-link").getByText(prompt, { exact: true }) }),
    );
  }

  /** The prompts in the order shown. */
  prompts(): Promise<string[]> {
    return this.entries.getByTestId("history-link").allTextContents();
  }
}

export class HistoryEntry {
  readonly link: Locator;
  readonly status: Locator;
  readonly thumbs: Locator;
  readonly reveal: Locator;
  readonly deleteButton: Locator;
  /** "via MCP · …" on a run an assistant asked for. */
  readonly source: Locator;

  constructor(readonly root: Locator) {
    this.link = root.getByTestId("history-link");
    this.status = root.getByTestId("run-status");
    this.thumbs = root.getByTestId("history-thumb");
    this.reveal = root.getByRole("button", { name: /click to reveal/i });
    this.deleteButton = root.getByRole("button", { name: "Delete", exact: true });
    this.source = root.getByTestId("run-source");
  }

  /** Every thumbnail decoded, so none is still being rendered on the server. */
  async waitForThumbnails(count: number) {
    await expect(this.thumbs).toHaveCount(count);
    await expect
      .poll(() =>
        this.thumbs.evaluateAll((images: HTMLImageElement[]) =>
          images.every((image) => image.complete && image.naturalWidth > 0),
        ),
      )
      .toBe(true);
  }
}
