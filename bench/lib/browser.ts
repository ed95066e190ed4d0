import { gzipSync } from "node:zlib";
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

export type Weight = {
  page: string;
  path: string;
  status: number;
  scripts: number;
  jsGzip: number;
  jsRaw: number;
  jsTransferred: number;
  cssGzip: number;
};

/**
 * The scripts and styles a page loads in a fresh context (no cookies: a guest, where sign-in is
 * required), until `load` and a second after it, with their gzip size computed here (level 6).
 */
export async function weigh(browser: Browser, baseUrl: string, page: string, path: string): Promise<Weight> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const pending: Array<Promise<{ type: string; raw: number; transferred: number; gzip: number }>> = [];
  tab.on("response", (response) => {
    const type = response.request().resourceType();
    if (type !== "script" && type !== "stylesheet") return;
    pending.push(
      (async () => {
        const body = await response.body();
        const sizes = await response.request().sizes();
        return { type, raw: body.length, transferred: sizes.responseBodySize, gzip: gzipSync(body, { level: 6 }).length };
      })(),
    );
  });
  const response = await tab.goto(`${baseUrl}${path}`, { waitUntil: "load" });
  await sleep(SETTLE_MS);
  const files = await Promise.all(pending);
  await context.close();
  const scripts = files.filter((f) => f.type === "script");
  const sum = (list: typeof files, key: "raw" | "transferred" | "gzip") => list.reduce((total, f) => total + f[key], 0);
  return {
    page,
    path,
    status: response?.status() ?? 0,
    scripts: scripts.length,
    jsGzip: sum(scripts, "gzip"),
    jsRaw: sum(scripts, "raw"),
    jsTransferred: sum(scripts, "transferred"),
    cssGzip: sum(
      files.filter((f) => f.type === "stylesheet"),
      "gzip",
    ),
  };
}
