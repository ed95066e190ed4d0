import os from "node:os";
import { load } from "../lib/http-load";
import { health, submitPrediction, TEST_VECTOR, waitForIdle, waitForTerminal } from "../lib/playground-client";
import { cpuMsOf, getJson, rssOf, startBenchPlayground } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario, sleep } from "../lib/scenario";
import { mb, ms, round, summarize } from "../lib/stats";

const PORTS = { playground: 3451 };
const PREDICTIONS = 300;
const CONNECTIONS = 32;
const PAGE_EVERY_MS = 100;

type History = { totals: { images: { local: number } } };

/**
 * 300 submits at 32 connections to the local engine, which renders on its worker pool: how the
 * server answers (submits, the page, its own event loop) while the queue drains.
 */
runScenario(
  { name: "local-load", title: "Local engine: 300 predictions at 32 connections", timeLimitMs: 300_000 },
  async (ctx) => {
    const playground = await startBenchPlayground(ctx, PORTS.playground, {
      KONTEXT_ENGINE: "local",
      DATA_DIR: ctx.tempDir("local-load"),
    });
    const { url } = playground;

    // Warm-up: route code, the page and the render threads load before anything is timed.
    for (let i = 0; i < 3; i++)
      await waitForTerminal(url, (await submitPrediction(url, { prompt: `warm-up ${i}` })).id, 60_000, 50);
    for (let i = 0; i < 5; i++) await (await fetch(`${url}/`)).text();
    const imagesBefore = (await getJson<History>(`${url}/api/predictions?limit=1`)).totals.images.local;
    await health(url, true);
    const cpuBefore = cpuMsOf(playground.pid) ?? 0;

    // The page, loaded one after another from the first submit until the queue is empty.
    const pageMs: Array<{ at: number; ms: number }> = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const started = performance.now();
        const response = await fetch(`${url}/`);
        await response.text();
        if (response.ok) pageMs.push({ at: Date.now(), ms: performance.now() - started });
        await sleep(PAGE_EVERY_MS);
      }
    })();
    ctx.onCleanup(() => (sampling = false));

    const started = Date.now();
    const submits = await load({
      url: `${url}/api/predictions`,
      method: "POST",
      body: JSON.stringify({ prompt: TEST_VECTOR }),
      connections: CONNECTIONS,
      amount: PREDICTIONS,
      maxMs: 120_000,
    });
    const submittedAt = Date.now();
    const submittedMs = submittedAt - started;
    await waitForIdle(url, 240_000);
    const drainedMs = Date.now() - started;
    sampling = false;
    await sampler;

    const figures = await health(url);
    const cpuMs = (cpuMsOf(playground.pid) ?? 0) - cpuBefore;
    const made = (await getJson<History>(`${url}/api/predictions?limit=1`)).totals.images.local - imagesBefore;
    // The drain proper starts once every submit is answered; during the burst the page also waits for submits.
    const page = summarize(pageMs.filter((load) => load.at > submittedAt).map((load) => load.ms));
    const pageDuringBurst = summarize(pageMs.filter((load) => load.at <= submittedAt).map((load) => load.ms));
    const lag = figures.eventLoopDelayMs;
    ctx.log(
      `submit p99 ${ms(submits.latency.p99)}, lag p99 ${ms(lag.p99)}, / p99 ${ms(page.p99)}, ${made} images in ${drainedMs} ms`,
    );

    const checks: Check[] = [
      atMost(
        `submit p99, ${CONNECTIONS} connections, while the predictions render (connections open)`,
        submits.onOpenConnections.p99,
        50,
        ms,
      ),
      atMost("event-loop lag p99 over the run", lag.p99, 20, ms),
      atMost("/ p99 during the drain (after the submits were answered)", page.p99, 200, ms),
      {
        metric: "predictions completed",
        target: `${PREDICTIONS} of ${PREDICTIONS}`,
        measured: `${made} of ${PREDICTIONS}`,
        pass: made === PREDICTIONS && submits.ok === PREDICTIONS,
      },
    ];
    return {
      checks,
      tables: [
        {
          title: `${PREDICTIONS} submits of the documented example (1 image, 1:1) at ${CONNECTIONS} connections, local engine on its render pool`,
          columns: ["figure", "value"],
          rows: [
            ["submits answered 2xx / failed", `${submits.ok} / ${submits.failed}`],
            [
              "submit latency, all, p50 / p99 / max",
              `${ms(submits.latency.p50)} / ${ms(submits.latency.p99)} / ${ms(submits.latency.max)}`,
            ],
            [
              `submit latency on open connections (${submits.onOpenConnections.n}) p50 / p99 / max`,
              `${ms(submits.onOpenConnections.p50)} / ${ms(submits.onOpenConnections.p99)} / ${ms(submits.onOpenConnections.max)}`,
            ],
            [
              `each connection's first submit (${submits.firstOnConnection.n}, all sent at once) p50 / max`,
              `${ms(submits.firstOnConnection.p50)} / ${ms(submits.firstOnConnection.max)}`,
            ],
            ["all submits answered after", `${round(submittedMs / 1000, 1)} s`],
            ["queue drained after", `${round(drainedMs / 1000, 1)} s (${round((made / drainedMs) * 1000, 1)} images/s)`],
            [
              `/ during the drain (${page.n} loads, one every ${PAGE_EVERY_MS} ms) p50 / p99 / max`,
              `${ms(page.p50)} / ${ms(page.p99)} / ${ms(page.max)}`,
            ],
            [
              `/ while the submits came in (${pageDuringBurst.n} loads) p50 / max`,
              `${ms(pageDuringBurst.p50)} / ${ms(pageDuringBurst.max)}`,
            ],
            ["render threads (the default: one per core but one)", Math.max(1, os.availableParallelism() - 1)],
            [
              `event-loop lag p50 / p99 / max (sampled every ${lag.resolutionMs} ms)`,
              `${ms(lag.p50)} / ${ms(lag.p99)} / ${ms(lag.max)}`,
            ],
            ["server CPU (all threads) per prediction", ms(cpuMs / Math.max(1, made))],
            ["server RSS at the end", mb(rssOf(playground.pid) ?? figures.rssBytes)],
          ],
        },
      ],
      figures: { submits, page, pageDuringBurst, lag, drainedMs, submittedMs, made, cpuMs },
    };
  },
);
