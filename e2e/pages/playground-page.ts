import { expect, type Locator, type Page } from "@playwright/test";
import type { AspectRatio } from "@/lib/domain";
import { waitUntilHydrated } from "./hydrated";

/** The playground at `/`, as a person uses it: by labels and roles. */
export class PlaygroundPage {
  readonly prompt: Locator;
  readonly seed: Locator;
  readonly randomiseSeed: Locator;
  readonly guidance: Locator;
  readonly guidanceSlider: Locator;
  readonly safety: Locator;
  readonly generateButton: Locator;
  readonly runs: Locator;
  /** Seed, guidance and safety, one click off the prompt-first form. */
  readonly advanced: Locator;

  constructor(readonly page: Page) {
    // "Prompt", or for an edit the instruction: "What should change?".
    this.prompt = page.getByRole("textbox", { name: /^(Prompt|What should change\?)$/ });
    this.advanced = page.getByTestId("advanced-settings");
    this.seed = page.getByLabel("Seed", { exact: true });
    this.randomiseSeed = page.getByRole("button", { name: "Randomise seed" });
    this.guidance = page.getByLabel("Guidance scale", { exact: true });
    this.guidanceSlider = page.getByLabel("Guidance scale slider");
    this.safety = page.getByLabel("Safety tolerance", { exact: true });
    this.generateButton = page.getByRole("button", { name: "Generate", exact: true });
    // Only this tab's runs: earlier ones from the server come and go with other tests.
    this.runs = page.getByTestId("session-runs").getByTestId("run-card");
  }

  async goto(query = "") {
    await this.page.goto(`/${query}`);
    // Before hydration a click on Generate would be a plain form GET, not a prediction.
    await waitUntilHydrated(this.page);
  }

  aspectRatio(ratio: AspectRatio): Locator {
    return this.page.getByRole("radiogroup", { name: "Aspect ratio" }).getByRole("radio", { name: ratio, exact: true });
  }

  numberOfImages(count: number): Locator {
    return this.page
      .getByRole("radiogroup", { name: "Number of images" })
      .getByRole("radio", { name: String(count), exact: true });
  }

  /** Opens Advanced settings (seed, guidance, safety) unless it is open. */
  async openAdvanced() {
    if ((await this.advanced.getAttribute("open")) === null) await this.advanced.getByText("Advanced settings").click();
    await expect(this.guidance).toBeVisible();
  }

  async fill(settings: { prompt: string; aspectRatio?: AspectRatio; images?: number; seed?: string; guidance?: string }) {
    await this.prompt.fill(settings.prompt);
    if (settings.seed !== undefined || settings.guidance !== undefined) await this.openAdvanced();
    if (settings.aspectRatio) await this.aspectRatio(settings.aspectRatio).check();
    if (settings.images) await this.numberOfImages(settings.images).check();
    if (settings.seed !== undefined) await this.seed.fill(settings.seed);
    if (settings.guidance !== undefined) await this.guidance.fill(settings.guidance);
  }

  async generate() {
    await this.generateButton.click();
  }

  /** This tab's runs come first, newest on top. */
  newestRun(): RunCard {
    return new RunCard(this.runs.first());
  }

  /** Any run on the page, this tab's or an earlier one (made elsewhere: another tab, the API, an assistant). */
  runWithPrompt(prompt: string): RunCard {
    return new RunCard(
      this.page.getByTestId("run-card").filter({ has: this.page.getByTestId("run-prompt").getByText(prompt, { exact: true }) }),
    );
  }
}

export class RunCard {
  readonly status: Locator;
  readonly images: Locator;
  readonly shareLink: Locator;
  /** "via MCP · …" on a run an assistant asked for. */
  readonly source: Locator;

  constructor(readonly root: Locator) {
    this.status = root.getByTestId("run-status");
    this.images = root.getByTestId("result-image");
    this.shareLink = root.getByRole("link", { name: "Share page" });
    this.source = root.getByTestId("run-source");
  }

  async waitUntilCompleted() {
    await expect(this.status).toHaveText("completed");
  }

  button(name: string): Locator {
    return this.root.getByRole("button", { name, exact: true });
  }

  /** The seed actually used, from the card's summary line. */
  async seed(): Promise<string> {
    const summary = await this.root.getByTestId("run-summary").textContent();
    const match = summary?.match(/seed (\d+)/);
    if (!match?.[1]) throw new Error(`no seed in "${summary}"`);
    return match[1];
  }
}
