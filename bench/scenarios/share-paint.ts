import type { PredictionView, SweepView } from "../../lib/playground-api";
import { launchChromium, sampleLcp, type Weight, weigh } from "../lib/browser";
import { getJson, startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario, sleep } from "../lib/scenario";
import { kb, ms } from "../lib/stats";

const PORT = 3490;
const TOKEN = "bench-share-paint-owner-token";
const OWNER = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
/** A bare Next 16 page with one client component, gzip, measured beside the figures on this machine. */
const BARE_NEXT_KB = 131.6;
const LCP_SAMPLES = 6;

/**
 * What a guest of a playground with an owner loads and sees first: the share page of a 4-image
 * run and of an edit (JavaScript, gzip), and a 64-cell sweep's page (largest paint, 1280 × 900,
 * fresh contexts without a session, after one unmeasured load that also makes the thumbnails).
 */
runScenario(
  { name: "share-paint", title: "A guest's share page and a 64-cell sweep: weight and paint", timeLimitMs: 300_000 },
  async (ctx) => {
    const { url } = await startBenchPlayground(ctx, PORT, {
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
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    const sweep = await post<SweepView>("/api/sweeps", {
      base: { prompt: "a kite over a field of tulips" },
      x: { field: "seed", values },
      y: { field: "guidance_scale", values: values.map((value) => value + 0.5) },
    });
    for (const cell of sweep.cells) await finished(cell.id);
    ctx.log(`runs, an edit and a ${sweep.cells.length}-cell sweep finished`);

    const browser = await launchChromium(ctx);
    const pages = [
      { page: "guest: share page of a 4-image run", path: `/p/${run.id}` },
      { page: "guest: share page of an edit", path: `/p/${edit.id}` },
      { page: "guest: a 64-cell sweep", path: `/s/${sweep.id}` },
    ];
    for (const { path } of pages) await weigh(browser, url, "warm-up", path);
    const weights: Weight[] = [];
    for (const { page, path } of pages) {
      weights.push(await weigh(browser, url, page, path));
      ctx.log(`${page}: ${kb(weights.at(-1)!.jsGzip)} JS`);
    }
    const sweepPaint = await sampleLcp(browser, `${url}/s/${sweep.id}`, LCP_SAMPLES);
    const sharePaint = await sampleLcp(browser, `${url}/p/${run.id}`, LCP_SAMPLES);
    const editPaint = await sampleLcp(browser, `${url}/p/${edit.id}`, LCP_SAMPLES);
    ctx.log(`LCP of the 64-cell sweep: p50 ${ms(sweepPaint.lcp.p50)}`);

    const over = (weight: Weight) => weight.jsGzip / 1024 - BARE_NEXT_KB;
    const checks: Check[] = [
      atMost("guest share page: first-load JS over a bare Next page (131.6 KB)", over(weights[0]) * 1024, 10 * 1024, kb),
      atMost("LCP of /s/{id} with 64 cells, guest, p50", sweepPaint.lcp.p50, 1000, ms),
    ];
    const paintRow = (name: string, s: typeof sweepPaint) => [
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
            w.path.replace(run.id, "{run}").replace(edit.id, "{edit}").replace(sweep.id, "{sweep}"),
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
          rows: [
            paintRow("/s/{sweep}, 8 × 8 cells", sweepPaint),
            paintRow("/p/{run}, 4 images", sharePaint),
            paintRow("/p/{edit}", editPaint),
          ],
        },
      ],
      figures: { weights, sweepPaint, sharePaint, editPaint },
    };
  },
);
