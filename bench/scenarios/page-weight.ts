import { PAGE_WEIGHT_BENCH_PORTS } from "../../testing/ports";
import { startBareNext } from "../lib/bare-next";
import { launchChromium, sampleLcp, type Weight, weigh } from "../lib/browser";
import { submitPrediction, TEST_VECTOR, waitForTerminal } from "../lib/playground-client";
import { startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { kb, ms } from "../lib/stats";

/**
 * What each page may add to the bare Next page's first-load JS (gzip). The share page weighed here is
 * its owner's (this server has no token); the 10 KB budget is a guest's, weighed by share-paint.
 */
const BUDGETS_KB: Record<string, number> = { playground: 25, history: 35 };
const LCP_SAMPLES = 8;
const SHARE_LCP_SAMPLES = 4;

runScenario({ name: "page-weight", title: "Page weight and paint", timeLimitMs: 240_000 }, async (ctx) => {
  const bareUrl = await startBareNext(ctx, PAGE_WEIGHT_BENCH_PORTS.bare);
  const playground = await startBenchPlayground(ctx, PAGE_WEIGHT_BENCH_PORTS.playground, {
    KONTEXT_ENGINE: "local",
    DATA_DIR: ctx.tempDir("weight"),
  });
  const browser = await launchChromium(ctx);
  const home = `${playground.url}/`;
  // First visit: nothing generated yet.
  const lcpEmpty = await sampleLcp(browser, home, LCP_SAMPLES);
  ctx.log(`LCP of / (empty history): p50 ${ms(lcpEmpty.lcp.p50)}`);

  const view = await submitPrediction(playground.url, { prompt: TEST_VECTOR });
  await waitForTerminal(playground.url, view.id, 30_000, 50);
  const pages = [
    { page: "playground", path: "/" },
    { page: "history", path: "/history" },
    { page: "an owner's share page", path: `/p/${view.id}` },
  ];
  // A throwaway visit of each, so the server's first-request work is not in the figures.
  await weigh(browser, bareUrl, "warm-up", "/");
  for (const { path } of pages) await weigh(browser, playground.url, "warm-up", path);
  const bare = await weigh(browser, bareUrl, "bare Next page (one client component)", "/");
  ctx.log(`bare Next page: ${kb(bare.jsGzip)} JS`);
  const weights: Weight[] = [];
  for (const { page, path } of pages) {
    const weight = await weigh(browser, playground.url, page, path);
    weights.push(weight);
    ctx.log(`${page}: ${kb(weight.jsGzip)} JS (HTTP ${weight.status})`);
  }

  // Returning visit: the earlier prediction is on the page.
  const lcpHistory = await sampleLcp(browser, home, LCP_SAMPLES);
  const lcpShare = await sampleLcp(browser, `${playground.url}/p/${view.id}`, SHARE_LCP_SAMPLES);
  ctx.log(`LCP of / (one earlier prediction): p50 ${ms(lcpHistory.lcp.p50)}`);

  const paintRow = (name: string, s: Awaited<ReturnType<typeof sampleLcp>>) => [
    name,
    s.lcp.n,
    `${ms(s.fcp.p50)} / ${ms(s.fcp.p95)}`,
    `${ms(s.lcp.p50)} / ${ms(s.lcp.p95)}`,
    s.element,
  ];
  const over = (w: Weight) => (w.status === 200 ? w.jsGzip - bare.jsGzip : Number.NaN);
  const checks: Check[] = [
    ...weights
      .filter((w) => BUDGETS_KB[w.page] !== undefined)
      .map((w) =>
        atMost(
          `first-load JS of ${w.path.replace(view.id, "{id}")} over the bare Next page (gzip)`,
          over(w),
          BUDGETS_KB[w.page] * 1024,
          kb,
        ),
      ),
    atMost("LCP of /, first visit (empty history), p50", lcpEmpty.lcp.p50, 1000, ms),
    atMost("LCP of /, returning visit (one earlier image), p50", lcpHistory.lcp.p50, 1000, ms),
  ];
  return {
    checks,
    tables: [
      {
        title:
          "JavaScript each page loads (every script response until load + 1 s, fresh browser context; gzip computed at level 6)",
        columns: [
          "page",
          "path",
          "status",
          "scripts",
          "JS gzip",
          "over bare Next",
          "JS transferred",
          "JS uncompressed",
          "CSS gzip",
        ],
        rows: [bare, ...weights].map((w) => [
          w.page,
          w.path.replace(view.id, "{id}"),
          w.status,
          w.scripts,
          kb(w.jsGzip),
          w === bare ? "" : `+${kb(w.jsGzip - bare.jsGzip)}`,
          kb(w.jsTransferred),
          kb(w.jsRaw),
          kb(w.cssGzip),
        ]),
      },
      {
        title: "Paint in Chromium, 1280x900, fresh context per load, after one unmeasured load (p50 / p95)",
        columns: ["page", "loads", "FCP", "LCP", "LCP element"],
        rows: [
          paintRow("/ (empty history)", lcpEmpty),
          paintRow("/ (one earlier image)", lcpHistory),
          paintRow("/p/{id}", lcpShare),
        ],
      },
    ],
    notes: [
      "Next 16 no longer prints first-load JS sizes in its build output, so pages are weighed as Chromium loads them: every script response, gzip computed by the harness (the transferred column is what next start actually sent).",
      "The bare Next page is an app of one page and one client component, built with the same Next and React (bench/lib/bare-next.ts): the yardstick the budgets are measured against.",
      "The share page here is its owner's: this server has no token, so its viewer owns every run and loads the owner's controls with their query cache. It has no budget of its own; a guest's share page (budget 10 KB) is weighed in section 7.",
    ],
    figures: { bare, weights, lcpEmpty, lcpHistory, lcpShare },
  };
});
