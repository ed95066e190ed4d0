import { ASPECT_RATIOS, DEFAULTS, type EngineInput, PIXEL_SIZES } from "@/lib/domain";
import { renderImage } from "../../lib/engines/local";
import { TEST_VECTOR } from "../lib/playground-client";
import { atMost } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { ms, round, summarize } from "../lib/stats";

const WARMUP = 2;
const RUNS = 12;
const PARALLEL = 4;
const PARALLEL_ROUNDS = 5;

runScenario({ name: "local-engine", title: "Local engine render time", timeLimitMs: 120_000 }, async (ctx) => {
  const input = (ratio: EngineInput["aspect_ratio"], seed: number): EngineInput => ({
    ...DEFAULTS,
    model: "pro",
    prompt: TEST_VECTOR,
    aspect_ratio: ratio,
    seed,
  });

  // sharp and the JIT warm up once, so the first ratio measured does not pay for it.
  for (let i = 0; i < 4; i++) await renderImage(input("1:1", 900 + i), 0);
  const rows: Array<Array<string | number>> = [];
  let sequentialMs = 0;
  const perRatio: Record<string, ReturnType<typeof summarize> & { megapixels: number; msPerMegapixel: number }> = {};
  for (const ratio of ASPECT_RATIOS) {
    for (let i = 0; i < WARMUP; i++) await renderImage(input(ratio, 1000 + i), 0);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      bytes += (await renderImage(input(ratio, i), i % 4)).length;
      times.push(performance.now() - started);
    }
    sequentialMs += times.reduce((sum, t) => sum + t, 0);
    const { width, height } = PIXEL_SIZES[ratio];
    const megapixels = (width * height) / 1e6;
    const summary = summarize(times);
    perRatio[ratio] = { ...summary, megapixels, msPerMegapixel: summary.p50 / megapixels };
    rows.push([
      ratio,
      `${width}x${height}`,
      round(megapixels, 2),
      ms(summary.p50),
      ms(summary.p95),
      ms(summary.p50 / megapixels),
      `${round(bytes / RUNS / 1024, 0)} KB`,
    ]);
    ctx.log(`${ratio}: p50 ${ms(summary.p50)}`);
  }

  // Four at once, as a 4-image prediction or four users would ask.
  const rounds: number[] = [];
  for (let r = 0; r < PARALLEL_ROUNDS; r++) {
    const started = performance.now();
    await Promise.all(Array.from({ length: PARALLEL }, (_, i) => renderImage(input("1:1", 5000 + r * PARALLEL + i), i)));
    rounds.push(performance.now() - started);
  }
  const total = rounds.reduce((sum, t) => sum + t, 0);
  const imagesPerSecond = (PARALLEL * PARALLEL_ROUNDS) / (total / 1000);
  const sequentialPerSecond = (RUNS * ASPECT_RATIOS.length) / (sequentialMs / 1000);
  ctx.log(`${PARALLEL} at once: ${round(imagesPerSecond, 1)} images/s (one at a time: ${round(sequentialPerSecond, 1)})`);

  const worst = Math.max(...Object.values(perRatio).map((figure) => figure.p50));
  const worstPerMp = Math.max(...Object.values(perRatio).map((figure) => figure.msPerMegapixel));
  return {
    checks: [
      atMost("slowest aspect ratio, p50 per image", worst, 150, ms),
      atMost("p50 per megapixel, slowest ratio", worstPerMp, 150, ms),
    ],
    tables: [
      {
        title: `renderImage, one at a time (${RUNS} runs per ratio after ${WARMUP} warm-up, test-vector prompt)`,
        columns: ["ratio", "pixels", "MP", "p50", "p95", "p50 per MP", "JPEG size"],
        rows,
      },
      {
        title: `Throughput: one at a time (all runs above) vs ${PARALLEL} at once (1:1, ${PARALLEL_ROUNDS} rounds)`,
        columns: ["renders", "images/s", "per image (wall)"],
        rows: [
          ["one at a time", round(sequentialPerSecond, 1), ms(1000 / sequentialPerSecond)],
          [`${PARALLEL} at once`, round(imagesPerSecond, 1), ms(total / (PARALLEL * PARALLEL_ROUNDS))],
        ],
      },
    ],
    figures: { perRatio, sequentialPerSecond, parallel: { count: PARALLEL, rounds, imagesPerSecond } },
  };
});
