import type { Page } from "@playwright/test";
import type { PredictionView } from "../../lib/playground-api";
import { launchChromium } from "../lib/browser";
import { uniqueToken } from "../lib/playground-client";
import { type Fake, getJson, startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import { atMost, type Check } from "../lib/result";
import { runScenario, type ScenarioContext, sleep } from "../lib/scenario";
import { ms, type Summary, summarize } from "../lib/stats";

const PORTS = { fake: 3420, polling: 3421, webhook: 3422 };
const RUNS = 20;
const WARMUP = 2;

type Mode = {
  name: "polling" | "webhook";
  port: number;
  targetMs: number;
  env: Record<string, string>;
  durationMs: (i: number) => number;
};
/** Durations vary, so completions do not line up with a poll schedule. A webhook does not care how long a task takes. */
const MODES: Mode[] = [
  { name: "polling", port: PORTS.polling, targetMs: 300, env: {}, durationMs: (i) => 2000 + ((i * 389) % 1000) },
  {
    name: "webhook",
    port: PORTS.webhook,
    targetMs: 100,
    env: { PUBLIC_URL: `http://127.0.0.1:${PORTS.webhook}`, WAVESPEED_WEBHOOKS: "on" },
    durationMs: (i) => 1000 + ((i * 389) % 500),
  },
];

/** One run, in ms after the upstream finished: when we learned, when it was stored, when the image loaded. */
type Run = {
  durationMs: number /** From the image request to its load event, and to its last byte. */;
  fetchMs: number;
  answerMs: number;
  detectedMs: number;
  storedMs: number;
  loadedMs: number;
  via: string;
};

runScenario({ name: "completion-to-screen", title: "Completion to screen", timeLimitMs: 300_000 }, async (ctx) => {
  const fake = await startFake(ctx, PORTS.fake, { durationMs: 2000 });
  const browser = await launchChromium(ctx);
  const results: Record<string, { runs: Run[]; total?: Summary; problem?: string }> = {};

  for (const mode of MODES) {
    const playground = await startBenchPlayground(ctx, mode.port, {
      ...wavespeedEnv(fake, mode.env),
      DATA_DIR: ctx.tempDir(mode.name),
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __loads: Array<{ src: string; at: number; perf: number }> };
      w.__loads = [];
      // Capture phase: load does not bubble. Date.now() shares the fake's clock (same machine).
      document.addEventListener(
        "load",
        (event) => {
          if (event.target instanceof HTMLImageElement)
            w.__loads.push({ src: event.target.currentSrc || event.target.src, at: Date.now(), perf: performance.now() });
        },
        true,
      );
    });
    // The event stream opens from an effect, so once it answers the page is hydrated and listening.
    const streaming = page.waitForResponse((r) => r.url().endsWith("/api/events"), { timeout: 30_000 });
    await page.goto(`${playground.url}/`);
    await streaming;

    const runs: Run[] = [];
    let problem: string | undefined;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const run = await oneRun(ctx, page, fake, playground.url, mode, i);
      if (mode.name === "webhook" && run.via !== "webhook") {
        problem = `the webhook was not used (${run.via}); is /api/webhooks/wavespeed served?`;
        ctx.log(problem);
        break;
      }
      if (i >= WARMUP) runs.push(run);
      await sleep(200);
    }
    await context.close();
    results[mode.name] = { runs, total: runs.length ? summarize(runs.map((r) => r.loadedMs)) : undefined, problem };
    ctx.log(`${mode.name}: p50 ${ms(results[mode.name].total?.p50 ?? Number.NaN)} over ${runs.length} runs`);
  }

  const checks: Check[] = MODES.map((mode) => {
    const { total, problem } = results[mode.name];
    return atMost(`${mode.name}: completion to image load, p50`, total?.p50 ?? Number.NaN, mode.targetMs, ms, problem);
  });
  const phase = (runs: Run[], pick: (r: Run) => number) => summarize(runs.map(pick));
  const rows = MODES.flatMap((mode) => {
    const { runs } = results[mode.name];
    if (!runs.length) return [[mode.name, "not measured", "", "", "", "", ""]];
    const detect = phase(runs, (r) => r.detectedMs);
    const store = phase(runs, (r) => r.storedMs - r.detectedMs);
    const render = phase(runs, (r) => r.loadedMs - r.storedMs - r.fetchMs);
    const fetched = phase(runs, (r) => r.fetchMs);
    const answered = phase(runs, (r) => r.answerMs);
    const total = phase(runs, (r) => r.loadedMs);
    return [
      [
        mode.name,
        runs.length,
        `${ms(detect.p50)} / ${ms(detect.p95)}`,
        `${ms(store.p50)} / ${ms(store.p95)}`,
        `${ms(render.p50)} / ${ms(render.p95)}`,
        `${ms(fetched.p50)} / ${ms(fetched.p95)} (answer ${ms(answered.p50)})`,
        `${ms(total.p50)} / ${ms(total.p95)}`,
      ],
    ];
  });
  return {
    checks,
    tables: [
      {
        title: "From the upstream's completedAt to the image's load event in Chromium (p50 / p95)",
        columns: [
          "delivery",
          "runs",
          "learned (poll or webhook)",
          "mirrored and stored",
          "pushed and rendered",
          "image fetched and decoded",
          "total",
        ],
        rows,
      },
      {
        title: "Fixed-interval polling, for comparison: delay before a client even learns of the finish",
        columns: ["client", "interval", "p50", "p95"],
        rows: [
          ["official WaveSpeed clients", "1000 ms", "500 ms", "950 ms"],
          ["Replicate / fal clients", "500 ms", "250 ms", "475 ms"],
        ],
      },
    ],
    notes: [
      "A fixed-interval client learns of a finish uniformly between 0 and one interval after it, before any download or rendering.",
    ],
    figures: results,
  };
});

async function oneRun(ctx: ScenarioContext, page: Page, fake: Fake, baseUrl: string, mode: Mode, i: number): Promise<Run> {
  const token = uniqueToken(`${mode.name}${i}`);
  const durationMs = mode.durationMs(i);
  await page.getByLabel("Prompt", { exact: true }).fill(`A lighthouse on a cliff at dawn ${token} [duration:${durationMs}]`);
  const submitted = page.waitForResponse((r) => r.url().endsWith("/api/predictions") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const { id } = (await (await submitted).json()) as { id: string };
  await page.waitForFunction(
    (wanted) => (window as unknown as { __loads: Array<{ src: string }> }).__loads.some((l) => l.src.includes(wanted)),
    `/api/images/${id}/`,
    { timeout: durationMs + 30_000, polling: 50 },
  );
  // The image's own fetch, from resource timing, on the page's monotonic clock.
  const { loadedAt, fetchMs, answerMs } = await page.evaluate((wanted) => {
    const load = (window as unknown as { __loads: Array<{ src: string; at: number; perf: number }> }).__loads.find((l) =>
      l.src.includes(wanted),
    )!;
    const entry = performance.getEntriesByType("resource").find((e) => e.name.includes(wanted)) as
      | PerformanceResourceTiming
      | undefined;
    return {
      loadedAt: load.at,
      fetchMs: entry ? load.perf - entry.startTime : Number.NaN,
      answerMs: entry ? entry.responseEnd - entry.startTime : Number.NaN,
    };
  }, `/api/images/${id}/`);
  const [task] = await fake.tasks(token);
  const view = await getJson<PredictionView>(`${baseUrl}/api/predictions/${id}`);
  const storedAt = Date.parse(view.completedAt ?? "");
  const polls = (await fake.requests({ prompt: token, method: "GET" })).filter(
    (r) => r.path.endsWith("/result") && r.time >= task.completedAt,
  );
  const hook = (await fake.webhooks()).find((w) => w.taskId === task.id);
  const pollAt = polls[0]?.time ?? Number.POSITIVE_INFINITY;
  const hookOk = hook !== undefined && hook.status !== undefined && hook.status < 300;
  const via =
    hookOk && hook.time <= pollAt
      ? "webhook"
      : polls.length
        ? `poll${hook ? ` (webhook answered ${hook.status ?? hook.error})` : ""}`
        : "unknown";
  const detectedAt = via === "webhook" ? hook!.time : pollAt;
  const run = {
    durationMs,
    fetchMs,
    answerMs,
    detectedMs: detectedAt - task.completedAt,
    storedMs: storedAt - task.completedAt,
    loadedMs: loadedAt - task.completedAt,
    via,
  };
  ctx.log(
    `${mode.name} #${i}${i < WARMUP ? " (warm-up)" : ""}: ${durationMs} ms task, image loaded ${run.loadedMs} ms after finish (${via})`,
  );
  return run;
}
