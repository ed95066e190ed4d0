import os from "node:os";
import { SHARE_PAGE_BENCH_PORT } from "../../testing/ports";
import { type LoadResult, load } from "../lib/http-load";
import { submitPrediction, waitForTerminal } from "../lib/playground-client";
import { startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { ms, round } from "../lib/stats";

const CONNECTIONS = 32;
const ROUND_S = 4;
const ROUNDS = 2;

/**
 * A share link gone viral: a finished run's share page at 32 connections, in turns with
 * `/api/health` on the same instance, so both meet the same machine at the same time. Every view,
 * anonymous or signed in, goes through the front door and the gate to Next's cache (the page kept by
 * lib/pages/cache-handler.ts, in SQLite here); a CDN in front does the rest.
 */
runScenario(
  { name: "share-page", title: "A viral share link: a cached share page against /api/health", timeLimitMs: 180_000 },
  async (ctx) => {
    const { url } = await startBenchPlayground(ctx, SHARE_PAGE_BENCH_PORT, {
      KONTEXT_ENGINE: "local",
      DATA_DIR: ctx.tempDir("share-page"),
    });
    const run = await submitPrediction(url, { prompt: "a lighthouse on a cliff at dusk", num_images: 4, aspect_ratio: "9:21" });
    await waitForTerminal(url, run.id, 60_000, 50);
    const sharePage = `${url}/p/${run.id}`;
    // Rendered once here; every view after is served from Next's cache.
    for (let i = 0; i < 3; i++) await (await fetch(sharePage)).text();
    const anonymous = (await fetch(sharePage)).headers.get("x-nextjs-cache");
    const signedIn = { authorization: "Bearer bench" };
    const owner = (await fetch(sharePage, { headers: signedIn })).headers.get("x-nextjs-cache");
    const turn = (target: string, headers?: Record<string, string>, durationS = ROUND_S) =>
      load({ url: target, headers, connections: CONNECTIONS, durationS, maxMs: 20_000 });
    await turn(`${url}/api/health`, undefined, 1);
    await turn(sharePage, undefined, 1);

    const health: LoadResult[] = [];
    const share: LoadResult[] = [];
    const signed: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      health.push(await turn(`${url}/api/health`));
      share.push(await turn(sharePage));
      signed.push(await turn(sharePage, signedIn));
    }
    const rate = (runs: typeof health) =>
      runs.reduce((sum, one) => sum + one.ok, 0) / runs.reduce((sum, one) => sum + one.seconds, 0);
    const healthRate = rate(health);
    const shareRate = rate(share);
    const signedRate = rate(signed);
    const ratio = shareRate / healthRate;
    const shareP99 = Math.max(...share.map((one) => one.onOpenConnections.p99));
    const failed = [...health, ...share, ...signed].reduce((sum, one) => sum + one.failed, 0);
    ctx.log(
      `share ${round(shareRate, 0)} req/s, health ${round(healthRate, 0)} req/s, ratio ${round(ratio, 2)}, p99 ${ms(shareP99)}; signed in ${round(signedRate, 0)} req/s`,
    );
    const latency = (runs: LoadResult[]) =>
      `${ms(Math.max(...runs.map((one) => one.onOpenConnections.p50)))} / ${ms(Math.max(...runs.map((one) => one.onOpenConnections.p99)))}`;
    const answers = (runs: LoadResult[]) =>
      `${runs.reduce((sum, one) => sum + one.ok, 0)} / ${runs.reduce((sum, one) => sum + one.failed, 0)}`;

    const checks: Check[] = [
      {
        metric: `share page views/s ÷ /api/health req/s, ${CONNECTIONS} connections, same instance`,
        target: "≥ 0.5",
        measured: String(round(ratio, 2)),
        pass: ratio >= 0.5 && failed === 0,
      },
      atMost("share page p99 (cached, connections open)", shareP99, 100, ms),
    ];
    const cached = (header: string | null) => (header === "HIT" ? "Next's cache (x-nextjs-cache: HIT)" : `Next (${header})`);
    return {
      checks,
      tables: [
        {
          title: `A finished 4-image run's share page and /api/health, ${ROUNDS} turns of ${ROUND_S} s each at ${CONNECTIONS} connections`,
          columns: ["figure", "share page, anonymous", "share page, signed in", "/api/health"],
          rows: [
            ["requests/s", round(shareRate, 0), round(signedRate, 0), round(healthRate, 0)],
            ["latency on open connections p50 / p99 (worst turn)", latency(share), latency(signed), latency(health)],
            ["answers 2xx / failed", answers(share), answers(signed), answers(health)],
            ["answered from", cached(anonymous), cached(owner), "a route handler (no-store)"],
          ],
        },
      ],
      notes: [
        `Measured with other work running on the machine (load average ${round(os.loadavg()[0]!, 2)} at the end): both figures meet the same load, turn by turn, so the ratio holds better than either rate.`,
      ],
      figures: { health, share, signed, ratio, anonymous, owner },
    };
  },
);
