import { resultPath, SUBMIT_PATH } from "../../lib/contract";
import { type LoadResult, load } from "../lib/http-load";
import { submitPrediction, TEST_VECTOR, uniqueToken, waitForIdle, waitForTerminal } from "../lib/playground-client";
import { cpuMsOf, FAKE_KEY, startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { ms, round } from "../lib/stats";

const PORTS = { fake: 3410, playground: 3411, held: 3412 };
const LEVELS = [1, 16, 64];
/** Submits create real tasks, so they are counted, not timed. */
const SUBMITS: Record<number, number> = { 1: 400, 16: 800, 64: 800 };
const RESULT_SECONDS = 5;
const ORDER: Pair["endpoint"][] = ["alone", "submit", "result", "floor"];
const LABELS = { submit: "POST submit", alone: "POST submit, tracker held", result: "GET result", floor: "GET health (floor)" };

type Pair = {
  endpoint: "submit" | "alone" | "result" | "floor";
  connections: number;
  playground: LoadResult;
  upstream: LoadResult;
};

runScenario({ name: "api-overhead", title: "Served API overhead", timeLimitMs: 240_000 }, async (ctx) => {
  // Short tasks and a wide queue: the submits of one round are tracked to the end before the next.
  const fake = await startFake(ctx, PORTS.fake, { durationMs: 200 });
  const playground = await startBenchPlayground(ctx, PORTS.playground, {
    ...wavespeedEnv(fake),
    WAVESPEED_MAX_CONCURRENCY: "1000",
    DATA_DIR: ctx.tempDir("overhead"),
  });

  // One finished prediction to read back, and the upstream task behind it.
  const token = uniqueToken("overhead");
  const probe = await submitPrediction(playground.url, { prompt: `${TEST_VECTOR} ${token}` });
  await waitForTerminal(playground.url, probe.id, 30_000, 50);
  const [task] = await fake.tasks(token);
  if (!task) throw new Error("the fake has no task for the probe prediction");

  const auth = { authorization: `Bearer ${FAKE_KEY}` };
  const body = JSON.stringify({
    prompt: TEST_VECTOR,
    aspect_ratio: "1:1",
    num_images: 1,
    guidance_scale: 3.5,
    safety_tolerance: "2",
  });
  const submit = (base: string, connections: number) =>
    load({
      url: `${base}${SUBMIT_PATH}`,
      method: "POST",
      body,
      headers: auth,
      connections,
      amount: SUBMITS[connections],
      maxMs: 30_000,
    });
  const result = (url: string, connections: number, durationS = RESULT_SECONDS) =>
    load({ url, headers: auth, connections, durationS, maxMs: (durationS + 10) * 1000 });
  const ourResult = `${playground.url}${resultPath(probe.id)}`;
  const theirResult = `${fake.url}${resultPath(task.id)}`;

  ctx.log("warming up both servers");
  for (const base of [fake.url, playground.url])
    await load({ url: `${base}${SUBMIT_PATH}`, method: "POST", body, headers: auth, connections: 4, amount: 100, maxMs: 30_000 });
  await result(ourResult, 4, 1);
  await result(theirResult, 4, 1);
  await waitForIdle(playground.url, 60_000);

  const pairs: Pair[] = [];
  const single = (endpoint: Pair["endpoint"]) => pairs.find((p) => p.endpoint === endpoint && p.connections === 1)!;
  const cpuPerPrediction: Record<number, number> = {};
  for (const connections of LEVELS) {
    const upstream = await submit(fake.url, connections);
    const cpuBefore = cpuMsOf(playground.pid) ?? Number.NaN;
    const ours = await submit(playground.url, connections);
    pairs.push({ endpoint: "submit", connections, playground: ours, upstream });
    ctx.log(`submit x${connections}: ours p50 ${ms(ours.latency.p50)}, upstream ${ms(upstream.latency.p50)}`);
    await waitForIdle(playground.url, 90_000);
    // Server CPU for the whole life of each prediction: submit, upstream calls, mirroring, storing.
    cpuPerPrediction[connections] = ((cpuMsOf(playground.pid) ?? Number.NaN) - cpuBefore) / ours.ok;
  }
  for (const connections of LEVELS) {
    const upstream = await result(theirResult, connections);
    const ours = await result(ourResult, connections);
    pairs.push({ endpoint: "result", connections, playground: ours, upstream });
    ctx.log(`result x${connections}: ours p50 ${ms(ours.latency.p50)}, upstream ${ms(upstream.latency.p50)}`);
  }

  // The cheapest route each server has: what any request costs before our code runs.
  const floorUpstream = await result(`${fake.url}/__health`, 1);
  const floorOurs = await result(`${playground.url}/api/health`, 1);
  pairs.push({ endpoint: "floor", connections: 1, playground: floorOurs, upstream: floorUpstream });

  // The request path alone: a second playground whose tracker sends one task at a time, and that
  // one hangs upstream ([hang-submit]), so no tracking work runs between the measured requests.
  await playground.stop("SIGKILL");
  const held = await startBenchPlayground(ctx, PORTS.held, {
    ...wavespeedEnv(fake),
    WAVESPEED_MAX_CONCURRENCY: "1",
    DATA_DIR: ctx.tempDir("held"),
  });
  const heldBody = JSON.stringify({ prompt: `${TEST_VECTOR} [hang-submit]` });
  const submitHeld = (amount: number) =>
    load({
      url: `${held.url}${SUBMIT_PATH}`,
      method: "POST",
      body: heldBody,
      headers: auth,
      connections: 1,
      amount,
      maxMs: 30_000,
    });
  await submitHeld(100);
  pairs.push({
    endpoint: "alone",
    connections: 1,
    playground: await submitHeld(SUBMITS[1]),
    upstream: single("submit").upstream,
  });
  await held.stop("SIGKILL");

  const failures = pairs.reduce((sum, p) => sum + p.playground.failed + p.upstream.failed, 0);
  const overhead = (endpoint: Pair["endpoint"]) =>
    single(endpoint).playground.latency.p50 - single(endpoint).upstream.latency.p50;
  const checks: Check[] = [
    atMost("submit overhead p50, the request alone (tracker held), 1 connection", overhead("alone"), 5, ms),
    atMost("submit overhead p50, back to back, every task tracked to the end, 1 connection", overhead("submit"), 5, ms),
    {
      ...atMost("result GET p50 minus upstream's, 1 connection", overhead("result"), 0, ms),
      target: "≤ 0 ms (not slower than upstream)",
    },
    atMost("failed or non-2xx answers", failures, 0, String),
  ];
  return {
    checks,
    tables: [
      {
        title: "Through the playground vs straight to the fake upstream (latency of 2xx answers)",
        columns: [
          "endpoint",
          "conns",
          "requests",
          "ours p50",
          "upstream p50",
          "Δ p50",
          "ratio",
          "ours p99",
          "upstream p99",
          "ours req/s",
          "upstream req/s",
        ],
        rows: [...pairs]
          .sort((a, b) => ORDER.indexOf(a.endpoint) - ORDER.indexOf(b.endpoint) || a.connections - b.connections)
          .map((p) => [
            LABELS[p.endpoint],
            p.connections,
            p.endpoint === "submit" || p.endpoint === "alone" ? p.playground.ok : `${RESULT_SECONDS} s`,
            ms(p.playground.latency.p50),
            ms(p.upstream.latency.p50),
            ms(p.playground.latency.p50 - p.upstream.latency.p50),
            `${round(p.playground.latency.p50 / p.upstream.latency.p50, 1)}x`,
            ms(p.playground.latency.p99),
            ms(p.upstream.latency.p99),
            p.playground.reqPerSec,
            p.upstream.reqPerSec,
          ]),
      },
    ],
    notes: [
      `Server CPU per prediction, its whole life (submit, upstream submit and polls, download, mirror, store): ${LEVELS.map((c) => `${ms(cpuPerPrediction[c])} at ${c} connection${c > 1 ? "s" : ""}`).join(", ")}. Back to back at 1 connection, the tracking work of earlier submits runs between the measured requests.`,
      "POST submit, tracker held: the same submits to a playground whose single upstream slot hangs ([hang-submit]), so nothing but the request itself runs; compared with the same upstream figure as POST submit at 1 connection.",
      "GET health (floor) is the cheapest route of each server (our /api/health, the fake's /__health): the cost of any request before the route's own work.",
      "Targets are read at 1 connection, where latency is the cost of one request; at 16 and 64 connections p50 is mostly time spent queued behind other requests, so it measures throughput.",
    ],
    figures: { pairs, cpuPerPrediction },
  };
});
