import { SUBMIT_PATH } from "../../lib/contract";
import { health, submitPrediction, uniqueToken, waitForIdle, waitForTerminal } from "../lib/playground-client";
import { FAKE_KEY, getJson, rssOf, startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario, sleep } from "../lib/scenario";
import { mb, ms, round, summarize } from "../lib/stats";

const PORTS = { fake: 3440, playground: 3441 };
const PREDICTIONS = 500;
const SUBMIT_WINDOW_MS = 10_000;
const TASK_MS = 2_000;
const SAMPLE_EVERY_MS = 200;
const MAX_SAMPLES = 1_500;

type Envelope = { code: number; data: { id: string; status: string } };

runScenario({ name: "load", title: "Load: 500 predictions in 10 s", timeLimitMs: 240_000 }, async (ctx) => {
  const fake = await startFake(ctx, PORTS.fake, { durationMs: TASK_MS });
  const playground = await startBenchPlayground(ctx, PORTS.playground, {
    ...wavespeedEnv(fake),
    WAVESPEED_MAX_CONCURRENCY: "100",
    DATA_DIR: ctx.tempDir("load"),
  });

  // Warm-up: the first requests load route code and JIT; they are not part of the load.
  for (let i = 0; i < 3; i++) {
    const view = await submitPrediction(playground.url, { prompt: `warm-up ${i} [duration:100]` });
    await waitForTerminal(playground.url, view.id, 20_000, 50);
  }
  const idleRss = rssOf(playground.pid) ?? (await health(playground.url)).rssBytes;
  await health(playground.url, true);

  // RSS sampler: /proc of the server process, bounded in count.
  const samples: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling && samples.length < MAX_SAMPLES) {
      const rss = rssOf(playground.pid) ?? (await health(playground.url)).rssBytes;
      samples.push(rss);
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  ctx.onCleanup(() => (sampling = false));

  const token = uniqueToken("load");
  const started = Date.now();
  const submits: Array<Promise<{ id?: string; ms: number; status: number }>> = [];
  for (let i = 0; i < PREDICTIONS; i++) {
    const due = started + (i * SUBMIT_WINDOW_MS) / PREDICTIONS;
    if (due > Date.now()) await sleep(due - Date.now());
    submits.push(submitOne(playground.url, `Harbour at night ${token} n${i}`));
  }
  const answers = await Promise.all(submits);
  const submitSpanMs = Date.now() - started;
  ctx.log(`${answers.length} submits sent in ${submitSpanMs} ms`);

  await waitForIdle(playground.url, 180_000);
  const drainedMs = Date.now() - started;
  sampling = false;
  await sampler;
  const lag = (await health(playground.url)).eventLoopDelayMs;

  // Every accepted id must have ended completed, and the upstream must have seen each exactly once.
  const ids = answers.flatMap((a) => (a.id ? [a.id] : []));
  const statuses = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 20) {
    const batch = await Promise.all(
      ids.slice(i, i + 20).map((id) => getJson<Envelope>(`${playground.url}/api/v3/predictions/${id}/result`)),
    );
    for (const envelope of batch) statuses.set(envelope.data.status, (statuses.get(envelope.data.status) ?? 0) + 1);
  }
  const completed = statuses.get("completed") ?? 0;
  const upstreamSubmits = (await fake.requests({ method: "POST", path: SUBMIT_PATH, prompt: token })).length;
  const peakRss = Math.max(...samples);
  const latency = summarize(answers.filter((a) => a.status === 200).map((a) => a.ms));
  ctx.log(
    `completed ${completed}/${PREDICTIONS}, upstream submits ${upstreamSubmits}, peak RSS ${mb(peakRss)}, lag p99 ${ms(lag.p99)}`,
  );

  const lost = PREDICTIONS - completed;
  const checks: Check[] = [
    {
      metric: "predictions completed",
      target: `${PREDICTIONS} of ${PREDICTIONS}`,
      measured: `${completed} of ${PREDICTIONS}`,
      pass: completed === PREDICTIONS,
    },
    atMost("predictions lost or failed", lost, 0, String),
    {
      metric: "upstream submits (each task sent once)",
      target: String(PREDICTIONS),
      measured: String(upstreamSubmits),
      pass: upstreamSubmits === PREDICTIONS,
    },
    atMost("peak server RSS", peakRss, 400 * 1024 * 1024, mb),
    atMost("event-loop lag p99", lag.p99, 50, ms),
  ];
  return {
    checks,
    tables: [
      {
        title: `${PREDICTIONS} submits over ${SUBMIT_WINDOW_MS / 1000} s, ${TASK_MS / 1000} s tasks, WAVESPEED_MAX_CONCURRENCY=100`,
        columns: ["figure", "value"],
        rows: [
          ["submits answered 200", answers.filter((a) => a.status === 200).length],
          ["submit latency p50 / p99", `${ms(latency.p50)} / ${ms(latency.p99)}`],
          ["all sent after", `${round(submitSpanMs / 1000, 1)} s`],
          ["all finished after", `${round(drainedMs / 1000, 1)} s`],
          ["final statuses", [...statuses].map(([status, n]) => `${status} ${n}`).join(", ")],
          ["RSS idle before / peak", `${mb(idleRss)} / ${mb(peakRss)} (${samples.length} samples every ${SAMPLE_EVERY_MS} ms)`],
          [
            `event-loop lag p50 / p99 / max (sampled every ${lag.resolutionMs} ms)`,
            `${ms(lag.p50)} / ${ms(lag.p99)} / ${ms(lag.max)}`,
          ],
        ],
      },
    ],
    figures: {
      idleRss,
      peakRss,
      samples,
      lag,
      statuses: Object.fromEntries(statuses),
      submitLatency: latency,
      submitSpanMs,
      drainedMs,
      upstreamSubmits,
    },
  };
});

async function submitOne(baseUrl: string, prompt: string) {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${SUBMIT_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${FAKE_KEY}` },
      body: JSON.stringify({ prompt }),
    });
    const body = (await response.json()) as Envelope;
    return { id: body.data?.id, status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}
