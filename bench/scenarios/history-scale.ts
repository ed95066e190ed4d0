import path from "node:path";
import { openDatabase } from "../../lib/db/client";
import { SqlitePredictionRepo } from "../../lib/db/sqlite-prediction-repo";
import { load } from "../lib/http-load";
import { getJson, startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { seedHistory } from "../lib/seed-history";
import { ms, round, summarize } from "../lib/stats";

const PORT = 3460;
const ROWS = 10_000;
const REQUESTS = 200;
/** In 1 % of prompts, so a search has to read about 2,400 rows to fill a page of 24. */
const WORD = "lighthouse";
/** In none: the worst case, every row is read. */
const ABSENT = "zeppelin";

type Page = { items: Array<{ input: { prompt: string } }>; nextCursor: string | null };

runScenario({ name: "history-scale", title: "History at 10,000 predictions", timeLimitMs: 180_000 }, async (ctx) => {
  const dataDir = ctx.tempDir("history");
  const seeded = await seed(path.join(dataDir, "playground.sqlite"));
  ctx.log(`seeded ${ROWS} predictions in ${round(seeded.seedMs, 0)} ms`);

  const playground = await startBenchPlayground(ctx, PORT, { KONTEXT_ENGINE: "local", DATA_DIR: dataDir });
  const queries = [
    { name: "first page", path: "/api/predictions?limit=24", target: true },
    { name: `search "${WORD}" (1 % of rows)`, path: `/api/predictions?q=${WORD}&limit=24`, target: true },
    { name: `search "${ABSENT}" (no match, reads every row)`, path: `/api/predictions?q=${ABSENT}&limit=24`, target: false },
  ];

  const first = await getJson<Page>(`${playground.url}${queries[0].path}`);
  const found = await getJson<Page>(`${playground.url}${queries[1].path}`);
  if (first.items.length !== 24 || found.items.length !== 24 || !found.items.every((item) => item.input.prompt.includes(WORD))) {
    throw new Error(`unexpected history answers: ${first.items.length} items, ${found.items.length} found`);
  }

  const measured = [];
  for (const query of queries) {
    const url = `${playground.url}${query.path}`;
    await load({ url, connections: 1, amount: 20, maxMs: 30_000 });
    const result = await load({ url, connections: 1, amount: REQUESTS, maxMs: 60_000 });
    measured.push({ ...query, result });
    ctx.log(`${query.name}: p50 ${ms(result.latency.p50)}`);
  }

  const checks: Check[] = measured
    .filter((m) => m.target)
    .map((m) => atMost(`${m.name}, p50 over HTTP`, m.result.latency.p50, 50, ms));
  checks.push(
    atMost(
      "failed requests",
      measured.reduce((sum, m) => sum + m.result.failed, 0),
      0,
      String,
    ),
  );
  return {
    checks,
    tables: [
      {
        title: `GET /api/predictions with ${ROWS.toLocaleString("en")} predictions stored (${REQUESTS} sequential requests each)`,
        columns: ["query", "p50", "p95", "p99", "req/s"],
        rows: measured.map((m) => [
          m.name,
          ms(m.result.latency.p50),
          ms(m.result.latency.p95),
          ms(m.result.latency.p99),
          m.result.reqPerSec,
        ]),
      },
      {
        title: "The same reads straight on the store, in process (p50 of 50), to split SQLite from HTTP",
        columns: ["call", "p50"],
        rows: Object.entries(seeded.direct).map(([name, p50]) => [name, ms(p50)]),
      },
    ],
    figures: {
      seedMs: seeded.seedMs,
      direct: seeded.direct,
      measured: measured.map(({ name, path, result }) => ({ name, path, result })),
    },
  };
});

/** The seeded history, then the store's reads timed in process. */
async function seed(file: string) {
  const { seedMs } = await seedHistory(file, { rows: ROWS, word: WORD });
  return { seedMs, direct: await timeStore(file) };
}

/** Reopened, as the server will find it (closing folded the write-ahead log into the file). */
async function timeStore(file: string) {
  const db = openDatabase(file);
  const store = new SqlitePredictionRepo(db);
  const time = async (fn: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    return summarize(samples).p50;
  };
  const direct = {
    "store.list (first page)": await time(() => store.list({ limit: 24 })),
    [`store.list (search "${WORD}")`]: await time(() => store.list({ limit: 24, search: WORD })),
    [`store.list (search "${ABSENT}")`]: await time(() => store.list({ limit: 24, search: ABSENT })),
    "store.imageTotals (every history request)": await time(() => store.imageTotals()),
  };
  db.close();
  return direct;
}
