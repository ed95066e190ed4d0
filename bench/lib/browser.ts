import { type Browser, chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../../testing/chromium";
import type { ScenarioContext } from "./scenario";

/** Debian's Chromium where it exists, as the browser tests use; Playwright's own otherwise. */
export async function launchChromium(ctx: ScenarioContext): Promise<Browser> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  ctx.onCleanup(() => browser.close());
  return browser;
}
