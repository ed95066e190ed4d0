import type { PredictionView } from "../../lib/playground-api";
import { SHARE_PAINT_BENCH_PORT } from "../../testing/ports";
import { launchChromium, sampleLcp, type Weight, weigh } from "../lib/browser";
import { getJson, startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario, sleep } from "../lib/scenario";
import { kb, ms } from "../lib/stats";

const TOKEN = "bench-share-paint-owner-token";
const OWNER = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
/** A bare Next 16 page with one client component, gzip, measured beside the figures on this machine. */
const BARE_NEXT_KB = 131.6;
const LCP_SAMPLES = 6;

/**
 * What a guest of a playground with an owner loads and sees first: the share page of a 4-image
 * run and of an edit (JavaScript, gzip; largest paint at 1280 × 900, fresh contexts without a
 * session, after one unmeasured load). The 64-cell sweep's paint is the sweep scenario's.
 */
runScenario({ name: "share-paint", title: "A guest's share page: weight and paint", timeLimitMs: 300_000 }, async (ctx) => {
  const { url } = await startBenchPlayground(ctx, SHARE_PAINT_BENCH_PORT, {
    KONTEXT_ENGINE: "local",
    ACCESS_TOKEN: TOKEN,
    DATA_DIR: ctx.tempDir("share-paint"),
  });
  const post = async <T>(path: string, body: unknown) => {
    const response = await fetch(url + path, { method: "POST", headers: OWNER, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const finished = async (id: string) => {
    for (;;) {
      const view = await getJson<PredictionView>(`${url}/api/predictions/${id}`, { headers: OWNER });
      if (view.status === "completed" || view.status === "failed") return view;
      await sleep(100);
    }
  };
  const run = await finished(
    (await post<PredictionView>("/api/predictions", { prompt: "a lighthouse on a cliff at dusk", num_images: 4 })).id,
  );
  const edit = await finished(
    (
      await post<PredictionView>("/api/predictions", {
        prompt: "make it night",
        image: new URL(run.outputs[0].url).pathname,
        parent: { id: run.id, kind: "edit" },
      })
    ).id,
  );
  ctx.log("a run and an edit of it finished");

  const browser = await launchChromium(ctx);
  const pages = [
    { page: "guest: share page of a 4-image run", path: `/p/${run.id}` },
    { page: "guest: share page of an edit", path: `/p/${edit.id}` },
  ];
  for (const { path } of pages) await weigh(browser, url, "warm-up", path);
  const weights: Weight[] = [];
  for (const { page, path } of pages) {
    weights.push(await weigh(browser, url, page, path));
    ctx.log(`${page}: ${kb(weights.at(-1)!.jsGzip)} JS`);
  }
  const sharePaint = await sampleLcp(browser, `${url}/p/${run.id}`, LCP_SAMPLES);
  const editPaint = await sampleLcp(browser, `${url}/p/${edit.id}`, LCP_SAMPLES);
  ctx.log(`LCP of the share page: p50 ${ms(sharePaint.lcp.p50)}`);

  const over = (weight: Weight) => weight.jsGzip / 1024 - BARE_NEXT_KB;
  const checks: Check[] = [
    atMost("guest share page: first-load JS over a bare Next page (131.6 KB)", over(weights[0]) * 1024, 10 * 1024, kb),
    atMost("LCP of a guest's share page (4 images), p50", sharePaint.lcp.p50, 1000, ms),
  ];
  const paintRow = (name: string, s: typeof sharePaint) => [
    name,
    s.lcp.n,
    `${ms(s.fcp.p50)} / ${ms(s.fcp.p95)}`,
    `${ms(s.lcp.p50)} / ${ms(s.lcp.p95)}`,
    s.element,
  ];
  return {
    checks,
    tables: [
      {
        title: "JavaScript a guest loads (fresh context, no session; gzip at level 6)",
        columns: ["page", "path", "status", "scripts", "JS gzip", "over a bare Next page", "CSS gzip"],
        rows: weights.map((w) => [
          w.page,
          w.path.replace(run.id, "{run}").replace(edit.id, "{edit}"),
          w.status,
          w.scripts,
          kb(w.jsGzip),
          `+${over(w).toFixed(1)} KB`,
          kb(w.cssGzip),
        ]),
      },
      {
        title: "Paint for a guest in Chromium, 1280x900, fresh context per load, after one unmeasured load (p50 / p95)",
        columns: ["page", "loads", "FCP", "LCP", "LCP element"],
        rows: [paintRow("/p/{run}, 4 images", sharePaint), paintRow("/p/{edit}", editPaint)],
      },
    ],
    figures: { weights, sharePaint, editPaint },
  };
});
