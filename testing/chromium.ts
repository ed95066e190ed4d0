import fs from "node:fs";
import type { LaunchOptions } from "@playwright/test";

/**
 * How every browser here is launched: Debian's Chromium where it exists (offline machines),
 * Playwright's own browser otherwise, with nothing that reaches the network by itself.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const wanted = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return {
    executablePath: fs.existsSync(wanted) ? wanted : undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  };
}
