import fs from "node:fs";
import { chromium, type Browser } from "@playwright/test";
import type { ScenarioContext } from "./scenario";

/** Debian's Chromium where it exists, as the browser tests use; Playwright's own otherwise. */
export async function launchChromium(ctx: ScenarioContext): Promise<Browser> {
  const wanted = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const browser = await chromium.launch({
    executablePath: fs.existsSync(wanted) ? wanted : undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  ctx.onCleanup(() => browser.close());
  return browser;
}
