import { type Browser, chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../../testing/chromium";
import { type ScenarioContext, sleep } from "./scenario";
import { summarize } from "./stats";

/** How long after `load` a page may still paint what it loads at first. */
const SETTLE_MS = 1_000;

/** Debian's Chromium where it exists, as the browser tests use; Playwright's own otherwise. */
export async function launchChromium(ctx: ScenarioContext): Promise<Browser> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  ctx.onCleanup(() => browser.close());
  return browser;
}

/**
 * Largest and first contentful paint of a page, in fresh contexts at 1280 × 900; the first load
 * is thrown away (it pays for cold caches in the server).
 */
export async function sampleLcp(browser: Browser, url: string, samples: number) {
  const lcps: number[] = [];
  const fcps: number[] = [];
  let element = "";
  for (let i = 0; i <= samples; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.addInitScript(() => {
      const w = window as unknown as { __lcp?: { time: number; element: string } };
      new PerformanceObserver((list) => {
        const last = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element | null }) | undefined;
        if (last) w.__lcp = { time: last.startTime, element: last.element?.tagName.toLowerCase() ?? "?" };
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    await tab.goto(url, { waitUntil: "load" });
    await sleep(SETTLE_MS);
    const paint = await tab.evaluate(() => ({
      lcp: (window as unknown as { __lcp?: { time: number; element: string } }).__lcp,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    }));
    await context.close();
    if (i === 0) continue; // the first load pays for cold caches in the server
    if (paint.lcp) {
      lcps.push(paint.lcp.time);
      element = paint.lcp.element;
    }
    if (paint.fcp !== undefined) fcps.push(paint.fcp);
  }
  return { lcp: summarize(lcps), fcp: summarize(fcps), element };
}
