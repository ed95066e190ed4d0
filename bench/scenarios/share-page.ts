import { type LoadResult, load } from "../lib/http-load";
import { submitPrediction, waitForTerminal } from "../lib/playground-client";
import { startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { ms, round } from "../lib/stats";

const PORTS = { playground: 3452 };
const CONNECTIONS = 32;
const ROUND_S = 4;
const ROUNDS = 2;

/**
 * A share link gone viral: a finished run's share page at 32 connections, in turns with
 * `/api/health` on the same instance, so both meet the same machine at the same time.
 */
runScenario(
  { name: "share-page", title: "A viral share link: a cached share page against /api/health", timeLimitMs: 180_000 },
  async (ctx) => {
    const { url } = await startBenchPlayground(ctx, PORTS.playground, {
      KONTEXT_ENGINE: "local",
      DATA_DIR: ctx.tempDir("share-page"),
    });
    const run = await submitPrediction(url, { prompt: "a lighthouse on a cliff at dusk", num_images: 4, aspect_ratio: "9:21" });
    await waitForTerminal(url, run.id, 60_000, 50);
    const sharePage = `${url}/p/${run.id}`;
    // Rendered once here; every request after is served from the cache.
    for (let i = 0; i < 3; i++) await (await fetch(sharePage)).text();
    const cached = (await fetch(sharePage)).headers.get("x-nextjs-cache");
    const warm = (target: string) => load({ url: target, connections: CONNECTIONS, durationS: 1, maxMs: 10_000 });
    await warm(`${url}/api/health`);
    await warm(sharePage);

    const health: LoadResult[] = [];
    const share: LoadResult[] = [];
    for (let turn = 0; turn < ROUNDS; turn++) {
      health.push(await load({ url: `${url}/api/health`, connections: CONNECTIONS, durationS: ROUND_S, maxMs: 20_000 }));
      share.push(await load({ url: sharePage, connections: CONNECTIONS, durationS: ROUND_S, maxMs: 20_000 }));
    }
    const rate = (runs: typeof health) =>
      runs.reduce((sum, one) => sum + one.ok, 0) / runs.reduce((sum, one) => sum + one.seconds, 0);
    const healthRate = rate(health);
    const shareRate = rate(share);
    const ratio = shareRate / healthRate;
    const shareP99 = Math.max(...share.map((one) => one.onOpenConnections.p99));
    const failed = [...health, ...share].reduce((sum, one) => sum + one.failed, 0);
    ctx.log(
      `share ${round(shareRate, 0)} req/s, health ${round(healthRate, 0)} req/s, ratio ${round(ratio, 2)}, p99 ${ms(shareP99)}`,
    );

    const checks: Check[] = [
      {
        metric: `share page views/s ÷ /api/health req/s, ${CONNECTIONS} connections, same instance`,
        target: "≥ 0.8",
        measured: String(round(ratio, 2)),
        pass: ratio >= 0.8 && failed === 0,
      },
      atMost("share page p99 (cached, connections open)", shareP99, 50, ms),
    ];
    return {
      checks,
      tables: [
        {
          title: `A finished 4-image run's share page and /api/health, ${ROUNDS} turns of ${ROUND_S} s each at ${CONNECTIONS} connections`,
          columns: ["figure", "share page", "/api/health"],
          rows: [
            ["requests/s", round(shareRate, 0), round(healthRate, 0)],
            [
              "latency on open connections p50 / p99 (worst turn)",
              `${ms(Math.max(...share.map((one) => one.onOpenConnections.p50)))} / ${ms(shareP99)}`,
              `${ms(Math.max(...health.map((one) => one.onOpenConnections.p50)))} / ${ms(Math.max(...health.map((one) => one.onOpenConnections.p99)))}`,
            ],
            [
              "answers 2xx / failed",
              `${share.reduce((s, o) => s + o.ok, 0)} / ${share.reduce((s, o) => s + o.failed, 0)}`,
              `${health.reduce((s, o) => s + o.ok, 0)} / ${health.reduce((s, o) => s + o.failed, 0)}`,
            ],
            ["served from Next's cache (x-nextjs-cache)", cached ?? "none", "not cached (no-store)"],
          ],
        },
      ],
      figures: { health, share, ratio, cached },
    };
  },
);
