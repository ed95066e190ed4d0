import path from "node:path";
import Database from "better-sqlite3";
import { SqlitePredictionRepo } from "../../lib/db/sqlite-prediction-repo";
import { SqliteRetentionRepo } from "../../lib/retention/sqlite-retention-repo";
import { OPERATIONS_BENCH_PORTS as PORTS } from "../../testing/ports";
import { load } from "../lib/http-load";
import { FAKE_KEY, startBenchPlayground, startFake } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { seedHistory } from "../lib/seed-history";
import { ms, round, summarize } from "../lib/stats";

const ROWS = 10_000;
const REQUESTS = 200;
const DAY = 24 * 60 * 60_000;

runScenario({ name: "metrics-scrape", title: "Metrics scrape at 10,000 runs", timeLimitMs: 240_000 }, async (ctx) => {
  // A week of history (one run a minute), and the worst case for the budget: every run made today.
  const week = path.join(ctx.tempDir("scrape-week"), "playground.sqlite");
  const today = path.join(ctx.tempDir("scrape-today"), "playground.sqlite");
  const seeded = await seedHistory(week, { rows: ROWS, word: "lighthouse" });
  await seedHistory(today, { rows: ROWS, word: "lighthouse", spacingMs: 1_000 });
  ctx.log(`seeded ${ROWS} runs twice (${round(seeded.seedMs, 0)} ms each)`);

  const fake = await startFake(ctx, PORTS.fake, { durationMs: 1_000 });
  // Every gauge there is: a budget (one query per scrape), a storage limit, retention.
  const playground = await startBenchPlayground(ctx, PORTS.scrape, {
    KONTEXT_ENGINE: "wavespeed",
    WAVESPEED_API_KEY: FAKE_KEY,
    WAVESPEED_BASE_URL: fake.url,
    BUDGET_USD_PER_DAY: "50",
    MAX_STORAGE_GB: "10",
    RETENTION_DAYS: "30",
    DATA_DIR: path.dirname(week),
  });
  const url = `${playground.url}/metrics`;
  const text = await (await fetch(url)).text();
  for (const name of [
    "kontext_budget_left_usd",
    "kontext_storage_limit_bytes",
    "kontext_runs_waiting",
    "process_cpu_user_seconds_total",
  ])
    if (!text.includes(`\n${name} `)) throw new Error(`the scrape has no ${name}`);
  await load({ url, connections: 1, amount: 20, maxMs: 30_000 });
  const scrape = await load({ url, connections: 1, amount: REQUESTS, maxMs: 60_000 });
  ctx.log(`/metrics: p50 ${ms(scrape.latency.p50)}, ${Buffer.byteLength(text)} bytes`);

  const inProcess = { week: await queries(week), today: await queries(today) };
  const checks: Check[] = [
    atMost("GET /metrics at 10,000 runs, p50 over HTTP", scrape.latency.p50, 5, ms),
    atMost("failed scrapes", scrape.failed, 0, String),
    {
      metric: "tables scanned by a scrape's queries (EXPLAIN QUERY PLAN)",
      target: "none",
      measured: inProcess.week.scans.length ? inProcess.week.scans.join("; ") : "none",
      pass: inProcess.week.scans.length === 0,
    },
  ];
  return {
    checks,
    tables: [
      {
        title: `GET /metrics with ${ROWS.toLocaleString("en")} runs stored, every gauge on (${REQUESTS} sequential requests)`,
        columns: ["p50", "p95", "p99", "req/s", "body"],
        rows: [
          [
            ms(scrape.latency.p50),
            ms(scrape.latency.p95),
            ms(scrape.latency.p99),
            scrape.reqPerSec,
            `${Buffer.byteLength(text)} bytes`,
          ],
        ],
      },
      {
        title: "The queries behind the figures, in process on the same database (p50 of 50)",
        columns: ["query", "when", "a week of runs", "all 10,000 today", "plan (EXPLAIN QUERY PLAN)"],
        rows: inProcess.week.timed.map((entry, i) => [
          entry.name,
          entry.when,
          ms(entry.p50),
          ms(inProcess.today.timed[i].p50),
          entry.plan,
        ]),
      },
    ],
    figures: { scrape, inProcess, bodyBytes: Buffer.byteLength(text) },
  };
});

/** Each query the operator's figures run, timed and explained, as the repos send it (captured by SQLite's trace). */
async function queries(file: string) {
  let last = "";
  const db = new Database(file, { verbose: (sql) => (last = String(sql)) });
  const repo = new SqlitePredictionRepo(db);
  const retention = new SqliteRetentionRepo(db);
  const day = new Date().toISOString().slice(0, 10);
  const before = new Date(Date.now() - 30 * DAY).toISOString();
  const cases = [
    { name: "budget left: billableImagesOn(today)", when: "every scrape", run: () => repo.billableImagesOn("wavespeed", day) },
    { name: "readiness: getState(id)", when: "every /api/ready", run: () => repo.getState("readiness-probe") },
    { name: "retention outlook", when: "Storage panel, at most once a minute", run: () => retention.outlook(before) },
    { name: "retention: expired runs, 100", when: "daily purge", run: () => retention.expired(before, 100) },
    { name: "recorded bytes (S3 only)", when: "every 10 min on a bucket", run: () => retention.recordedBytes() },
  ];
  const timed = [];
  const scans: string[] = [];
  for (const entry of cases) {
    const samples: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await entry.run();
      samples.push(performance.now() - started);
    }
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${last}`).all() as { detail: string }[]).map((row) => row.detail);
    if (entry.when.startsWith("every scrape")) scans.push(...plan.filter((detail) => /^SCAN /.test(detail)));
    timed.push({ name: entry.name, when: entry.when, p50: summarize(samples).p50, plan: plan.join("; ") });
  }
  db.close();
  return { timed, scans };
}
