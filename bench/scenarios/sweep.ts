import { formatUsd } from "../../lib/view/format";
import { SWEEP_BENCH_PORTS } from "../../testing/ports";
import { launchChromium, sampleLcp } from "../lib/browser";
import { runModelGrid } from "../lib/model-grid";
import { uniqueToken } from "../lib/playground-client";
import { type Fake, startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario, type ScenarioContext } from "../lib/scenario";
import { ms } from "../lib/stats";
import { GRID_CELLS, runGrid } from "../lib/sweep-grid";

const CELLS = GRID_CELLS;
const CONCURRENCY = 3;
const TASK_MS = 1_000;
/** What the upstream's concurrency allows at best: full waves of 3 one-second tasks. */
const BOUND_MS = Math.ceil(CELLS / CONCURRENCY) * TASK_MS;
const LCP_SAMPLES = 6;

type Mode = { name: "polling" | "webhook"; port: number; env: Record<string, string> };
const MODES: Mode[] = [
  { name: "polling", port: SWEEP_BENCH_PORTS.polling, env: {} },
  {
    name: "webhook",
    port: SWEEP_BENCH_PORTS.webhook,
    env: { PUBLIC_URL: `http://127.0.0.1:${SWEEP_BENCH_PORTS.webhook}`, WAVESPEED_WEBHOOKS: "on" },
  },
];

async function oneSweep(ctx: ScenarioContext, fake: Fake, mode: Mode) {
  const playground = await startBenchPlayground(ctx, mode.port, {
    ...wavespeedEnv(fake, { WAVESPEED_MAX_CONCURRENCY: String(CONCURRENCY), ...mode.env }),
    DATA_DIR: ctx.tempDir(`sweep-${mode.name}`),
  });
  const token = uniqueToken(mode.name);
  const grid = await runGrid(fake, token, TASK_MS, playground.url);
  ctx.log(
    `${mode.name}: full grid in ${ms(grid.fullGridMs)}, upstream busy ${ms(grid.upstreamMs)}, peak ${grid.peak}, submits ${grid.submits}`,
  );
  return { mode: mode.name, playgroundUrl: playground.url, ...grid, efficiency: BOUND_MS / grid.fullGridMs };
}

runScenario(
  { name: "sweep", title: "Sweeps: a 64-cell grid against the upstream's limit", timeLimitMs: 300_000 },
  async (ctx) => {
    const fake = await startFake(ctx, SWEEP_BENCH_PORTS.fake, { durationMs: TASK_MS });
    // The account's own limit: a fourth task at once would be refused with a 429.
    await fake.control({ concurrencyLimit: CONCURRENCY });
    const runs = [];
    for (const mode of MODES) runs.push(await oneSweep(ctx, fake, mode));
    // The model as an axis: an edit on every model of the family, on the polling playground.
    const models = await runModelGrid(fake, uniqueToken("models"), runs[0].playgroundUrl);
    for (const row of models.rows)
      ctx.log(`${row.model}: ${row.cells} cells, p50 ${ms(row.latency.p50)}, polls ≤ ${row.pollsMax}`);

    // The sweep page of the last run, 64 thumbnails: its largest paint.
    const browser = await launchChromium(ctx);
    const last = runs[runs.length - 1];
    const lcp = await sampleLcp(browser, `${last.playgroundUrl}/s/${last.sweepId}`, LCP_SAMPLES);
    ctx.log(`LCP of /s/{id} with 64 cells: p50 ${ms(lcp.lcp.p50)} (${lcp.element})`);

    const checks: Check[] = [
      ...runs.map(
        (run): Check => ({
          metric: `64-cell sweep, ${run.mode}: share of the bound ceil(64/3) × 1 s = ${BOUND_MS / 1000} s`,
          target: "≥ 0.90",
          measured: `${run.efficiency.toFixed(2)} (${ms(run.fullGridMs)})`,
          pass: run.efficiency >= 0.9,
        }),
      ),
      ...runs.map(
        (run): Check => ({
          metric: `64-cell sweep, ${run.mode}: tasks upstream at once, and submits`,
          target: `≤ ${CONCURRENCY}, exactly 64 (no 429)`,
          measured: `${run.peak}, ${run.submits}`,
          pass: run.peak <= CONCURRENCY && run.submits === CELLS && run.failed === 0,
        }),
      ),
      atMost("LCP of /s/{id} with 64 cells (thumbnails), p50", lcp.lcp.p50, 1000, ms),
      ...models.rows.map((row) =>
        atMost(`result GETs per task of ${row.model} (${ms(row.taskMs)} tasks)`, row.pollsMax, 10, String),
      ),
    ];
    return {
      checks,
      tables: [
        {
          title: "A 64-cell sweep (8 seeds × 8 guidance values), 1 s tasks, 3 at once",
          columns: ["mode", "full grid", "upstream busy", "bound", "share of bound", "peak upstream", "submits", "failed"],
          rows: runs.map((run) => [
            run.mode,
            ms(run.fullGridMs),
            ms(run.upstreamMs),
            ms(BOUND_MS),
            run.efficiency.toFixed(2),
            run.peak,
            run.submits,
            run.failed,
          ]),
        },
        {
          title: `An edit over the family (x: model, y: 4 seeds), ${TASK_MS / 1000} s for [pro] on the fake: ${models.costUsd} USD in all`,
          columns: ["model", "cells", "cost", "task upstream", "latency p50", "latency max", "result GETs per task, max"],
          rows: models.rows.map((row) => [
            row.model,
            row.cells,
            formatUsd(row.costUsd),
            ms(row.taskMs),
            ms(row.latency.p50),
            ms(row.latency.max),
            row.pollsMax,
          ]),
        },
        {
          title: "LCP of the sweep page, 64 cells",
          columns: ["samples", "LCP p50", "LCP max", "FCP p50", "LCP element"],
          rows: [[lcp.lcp.n, ms(lcp.lcp.p50), ms(lcp.lcp.max), ms(lcp.fcp.p50), lcp.element]],
        },
      ],
      notes: [
        "Full grid: from the POST /api/sweeps to the last cell's completedAt as stored. Upstream busy: from the fake's first task created to its last completed.",
      ],
      figures: { runs, lcp, boundMs: BOUND_MS, models },
    };
  },
);
