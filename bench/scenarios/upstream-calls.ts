import { submitPrediction, uniqueToken, waitForTerminal } from "../lib/playground-client";
import { type Fake, startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import { atMost } from "../lib/result";
import { runScenario } from "../lib/scenario";

const PORTS = { fake: 3430, playground: 3431 };
const TASK_MS = 5_000;
/** The first task meets a fresh duration estimate; the later ones show what the tracker learned. */
const TASKS = 3;

type Count = { label: string; resultGets: number; pollOffsetsMs: number[]; detectedAfterMs: number };

runScenario({ name: "upstream-calls", title: "Upstream calls per prediction", timeLimitMs: 120_000 }, async (ctx) => {
  const fake = await startFake(ctx, PORTS.fake, { durationMs: TASK_MS });
  const playground = await startBenchPlayground(ctx, PORTS.playground, { ...wavespeedEnv(fake), DATA_DIR: ctx.tempDir("calls") });

  const counts: Count[] = [];
  for (let i = 0; i < TASKS; i++) {
    const token = uniqueToken(`calls${i}`);
    const view = await submitPrediction(playground.url, { prompt: `A lighthouse at dawn ${token} [duration:${TASK_MS}]` });
    const done = await waitForTerminal(playground.url, view.id, TASK_MS + 20_000);
    if (done.status !== "completed") throw new Error(`task ${i} ended ${done.status}: ${done.error}`);
    counts.push(await countGets(fake, token, i === 0 ? "first task after start" : `task ${i + 1} (learned duration)`));
    ctx.log(`${counts.at(-1)!.label}: ${counts.at(-1)!.resultGets} result GETs`);
  }

  const first = counts[0];
  // Fixed-interval clients, for comparison: one GET per interval until one lands after the finish.
  const fixed = (intervalMs: number) => Math.ceil(TASK_MS / intervalMs) + 1;
  return {
    checks: [
      atMost("result GETs for one 5 s task, fresh server", first.resultGets, 10, String),
      atMost("result GETs for one 5 s task, after two alike", counts.at(-1)!.resultGets, 10, String),
    ],
    tables: [
      {
        title: `Result GETs the fake upstream received for one ${TASK_MS / 1000} s task (polling, no webhook)`,
        columns: ["task", "result GETs", "finish seen after", "poll times after submit (ms)"],
        rows: counts.map((c) => [c.label, c.resultGets, `${c.detectedAfterMs} ms`, c.pollOffsetsMs.join(" ")]),
      },
      {
        title: "Fixed-interval polling, for comparison (GETs for a 5 s task)",
        columns: ["client", "interval", "result GETs"],
        rows: [
          ["official WaveSpeed clients", "1000 ms", fixed(1000)],
          ["Replicate / fal clients", "500 ms", fixed(500)],
          ["every 250 ms", "250 ms", fixed(250)],
        ],
      },
    ],
    figures: { counts },
  };
});

async function countGets(fake: Fake, token: string, label: string): Promise<Count> {
  const [task] = await fake.tasks(token);
  if (!task) throw new Error(`the fake has no task for ${token}`);
  const gets = (await fake.requests({ prompt: token, method: "GET" })).filter((r) => r.path.endsWith("/result"));
  const after = gets.find((r) => r.time >= task.completedAt);
  return {
    label,
    resultGets: gets.length,
    pollOffsetsMs: gets.map((r) => r.time - task.createdAt),
    detectedAfterMs: after ? after.time - task.completedAt : Number.NaN,
  };
}
