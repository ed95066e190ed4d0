import { randomBytes } from "node:crypto";
import path from "node:path";
import type { AspectRatio } from "@/lib/domain";
import { MODEL_ID } from "../../lib/contract";
import { openDatabase } from "../../lib/db/client";
import { SqlitePredictionRepo } from "../../lib/db/sqlite-prediction-repo";
import { load } from "../lib/http-load";
import { getJson, startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { ms, round, summarize } from "../lib/stats";

const PORT = 3460;
const ROWS = 10_000;
const REQUESTS = 200;
/** In 1 % of prompts, so a search has to read about 2,400 rows to fill a page of 24. */
const WORD = "lighthouse";
/** In none: the worst case, every row is read. */
const ABSENT = "zeppelin";

const SUBJECTS = [
  "a fox",
  "an old tram",
  "a glass teapot",
  "a mountain village",
  "a koi pond",
  "a robot gardener",
  "a desert caravan",
  "a paper boat",
];
const STYLES = ["oil painting", "watercolour", "35mm photo", "isometric render", "ink sketch", "pixel art"];
const LIGHT = ["at dawn", "under neon rain", "in golden hour", "by candlelight", "in thick fog", "at noon"];
const RATIOS: AspectRatio[] = ["1:1", "16:9", "3:4", "9:16", "21:9"];

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

/**
 * Straight into SQLite through the app's own repo, in one transaction. The SQLite repo runs each
 * statement before its promise settles, so the calls below all land inside the transaction.
 */
async function seed(file: string) {
  const db = openDatabase(file);
  const store = new SqlitePredictionRepo(db);
  const started = performance.now();
  const base = Date.now() - ROWS * 60_000;
  let state = 42;
  const pick = <T>(list: T[]) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return list[state % list.length];
  };
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const id = randomBytes(16).toString("hex");
      const createdAt = new Date(base + i * 60_000).toISOString();
      const prompt = `${pick(SUBJECTS)}${i % 100 === 7 ? ` beside a ${WORD}` : ""}, ${pick(STYLES)}, ${pick(LIGHT)}`;
      const failed = i % 25 === 0;
      const images = 1 + (i % 4 === 0 ? 3 : 0);
      const ratio = pick(RATIOS);
      void store.create({
        id,
        engine: "wavespeed",
        model: MODEL_ID,
        status: "created",
        input: {
          model: "pro",
          prompt,
          aspect_ratio: ratio,
          num_images: images,
          seed: i,
          guidance_scale: 3.5,
          safety_tolerance: "2",
        },
        seedRequested: null,
        upstreamId: `up${id}`,
        submitState: "submitted",
        error: "",
        inferenceMs: 0,
        createdAt,
        completedAt: null,
      });
      const completedAt = new Date(base + i * 60_000 + 4_000).toISOString();
      if (failed) {
        void store.update(id, { status: "failed", error: "The simulated task failed", completedAt });
        continue;
      }
      const outputs = Array.from({ length: images }, (_, index) => ({
        index,
        file: `${id}/${index}.png`,
        contentType: "image/png",
        width: 1024,
        height: 1024,
        bytes: 250_000,
        nsfw: false,
        sourceUrl: `https://example.invalid/outputs/${id}/${index}.png`,
        starred: false,
      }));
      void store.complete(id, outputs, { inferenceMs: 3_800, completedAt });
    }
  })();
  const seedMs = performance.now() - started;
  db.close();
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
