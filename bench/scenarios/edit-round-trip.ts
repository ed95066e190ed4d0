import { DEFAULTS } from "@/lib/domain";
import { renderImage } from "../../lib/engines/local";
import { submitPrediction, uniqueToken, waitForTerminal } from "../lib/playground-client";
import { startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import { atMost } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { ms, summarize } from "../lib/stats";

const PORTS = { fake: 3470, playground: 3471 };
const TASK_MS = 300;
const RUNS = 8;

/**
 * An edit against the fake upstream next to a text-to-image run of the same task length: the first
 * step of a chain pays for the upstream upload; later steps on a picture WaveSpeed already holds do not.
 */
runScenario(
  { name: "edit-round-trip", title: "Edit round trip against the fake upstream", timeLimitMs: 180_000 },
  async (ctx) => {
    const fake = await startFake(ctx, PORTS.fake, { durationMs: TASK_MS });
    const playground = await startBenchPlayground(ctx, PORTS.playground, {
      ...wavespeedEnv(fake),
      DATA_DIR: ctx.tempDir("edit"),
    });
    // Real pictures of the size a chain carries (1 MP JPEGs), each one new to the upstream.
    const pictures = await Promise.all(
      Array.from({ length: RUNS + 2 }, (_, seed) =>
        renderImage({ ...DEFAULTS, model: "pro", prompt: "a red fox in a meadow by a lake", aspect_ratio: "1:1", seed }, 0),
      ),
    );
    const dataUri = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString("base64")}`;

    const timed = async (body: Record<string, unknown>) => {
      const started = performance.now();
      const view = await submitPrediction(playground.url, body);
      const done = await waitForTerminal(playground.url, view.id, 30_000, 20);
      if (done.status !== "completed") throw new Error(`a run ended ${done.status}: ${done.error}`);
      return performance.now() - started;
    };
    // Warm-up: one of each, so the first measured run pays no compile or connection cost.
    await timed({ prompt: `warm ${uniqueToken("t")}` });
    await timed({ prompt: `warm ${uniqueToken("e")}`, image: dataUri(pictures[RUNS + 1]) });

    const text: number[] = [];
    const firstStep: number[] = [];
    const laterStep: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      text.push(await timed({ prompt: `a lighthouse ${uniqueToken("t")}` }));
      firstStep.push(await timed({ prompt: `make it night ${uniqueToken("e")}`, image: dataUri(pictures[i]) }));
      laterStep.push(await timed({ prompt: `add snow ${uniqueToken("e")}`, image: dataUri(pictures[i]) }));
      ctx.log(`round ${i + 1}: text ${ms(text[i])}, first edit ${ms(firstStep[i])}, later edit ${ms(laterStep[i])}`);
    }
    const uploads = await (await fetch(`${fake.url}/__uploads`)).json();
    const [t, f, l] = [summarize(text), summarize(firstStep), summarize(laterStep)];
    return {
      checks: [
        atMost("first edit step over text-to-image, p50", f.p50 - t.p50, 250, ms),
        atMost("later edit step over text-to-image, p50", l.p50 - t.p50, 100, ms),
        atMost("uploads for the pictures of the measured runs", (uploads as unknown[]).length - 1, RUNS, String),
      ],
      tables: [
        {
          title: `Submit to completed, through the playground's API (${RUNS} runs each, ${TASK_MS} ms upstream tasks, polled every 20 ms)`,
          columns: ["run", "p50", "p95", "over text-to-image (p50)"],
          rows: [
            ["text-to-image", ms(t.p50), ms(t.p95), "–"],
            ["edit, first step (upload, 1 MP JPEG)", ms(f.p50), ms(f.p95), ms(f.p50 - t.p50)],
            ["edit, later step (picture already upstream)", ms(l.p50), ms(l.p95), ms(l.p50 - t.p50)],
          ],
        },
      ],
      figures: { text: t, firstStep: f, laterStep: l, uploads: (uploads as unknown[]).length },
    };
  },
);
