import { launchChromium, sampleLcp, type Weight, weigh } from "../lib/browser";
import { submitPrediction, TEST_VECTOR, waitForTerminal } from "../lib/playground-client";
import { startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { kb, ms } from "../lib/stats";

const PORT = 3450;
const LCP_SAMPLES = 8;
const SHARE_LCP_SAMPLES = 4;

runScenario({ name: "page-weight", title: "Page weight and paint", timeLimitMs: 180_000 }, async (ctx) => {
  const playground = await startBenchPlayground(ctx, PORT, { KONTEXT_ENGINE: "local", DATA_DIR: ctx.tempDir("weight") });
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
    { page: "share page", path: `/p/${view.id}` },
    { page: "404 page (framework + root layout)", path: "/bench-no-such-page" },
  ];
  // A throwaway visit of each, so the server's first-request work is not in the figures.
  for (const { path } of pages) await weigh(browser, playground.url, "warm-up", path);
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

  const homeWeight = weights[0];
  const missing = (w: Weight) => w.page !== pages[3].page && w.status === 404;
  const paintRow = (name: string, s: Awaited<ReturnType<typeof sampleLcp>>) => [
    name,
    s.lcp.n,
    `${ms(s.fcp.p50)} / ${ms(s.fcp.p95)}`,
    `${ms(s.lcp.p50)} / ${ms(s.lcp.p95)}`,
    s.element,
  ];
  const checks: Check[] = [
    atMost("first-load JS of / (gzip)", homeWeight.status === 200 ? homeWeight.jsGzip : Number.NaN, 150 * 1024, kb),
    atMost("LCP of /, first visit (empty history), p50", lcpEmpty.lcp.p50, 1000, ms),
    atMost("LCP of /, returning visit (one earlier image), p50", lcpHistory.lcp.p50, 1000, ms),
  ];
  return {
    checks,
    tables: [
      {
        title:
          "JavaScript each page loads (every script response until load + 1 s, fresh browser context; gzip computed at level 6)",
        columns: ["page", "path", "status", "scripts", "JS gzip", "JS transferred", "JS uncompressed", "CSS gzip"],
        rows: weights.map((w) => [
          w.page,
          w.path.replace(view.id, "{id}"),
          missing(w) ? "404: missing" : w.status,
          w.scripts,
          kb(w.jsGzip),
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
      "The 404 page loads only the framework and the root layout (providers, header): the floor every page pays.",
    ],
    figures: { weights, lcpEmpty, lcpHistory, lcpShare },
  };
});
