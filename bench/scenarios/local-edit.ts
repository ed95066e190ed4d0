import { DEFAULTS, type EngineInput, PIXEL_SIZES } from "@/lib/domain";
import { renderImage } from "../../lib/engines/local";
import { atMost } from "../lib/result";
import { runScenario } from "../lib/scenario";
import { ms, round, summarize } from "../lib/stats";

const WARMUP = 2;
const RUNS = 10;
/** One instruction of each kind the local edit knows, and one it only varies by seed. */
const INSTRUCTIONS = ["make it night", "add snow", "make the fox blue", "as a pencil sketch", "put a hat on it"];

runScenario({ name: "local-edit", title: "Local engine edit time", timeLimitMs: 120_000 }, async (ctx) => {
  // The input: a local render of the 1:1 size (1 MP), as the first step of a chain would have.
  const source = await renderImage(
    { ...DEFAULTS, model: "pro", prompt: "a red fox in a meadow by a lake", aspect_ratio: "1:1", seed: 7 },
    0,
  );
  const edit = (prompt: string, seed: number, ratio: EngineInput["aspect_ratio"], matchInput: boolean): EngineInput => ({
    ...DEFAULTS,
    model: "pro",
    prompt,
    aspect_ratio: ratio,
    seed,
    edit: { kind: "edit", matchInput, images: [] },
  });
  for (let i = 0; i < 4; i++) await renderImage(edit("make it night", 900 + i, "1:1", true), 0, [source]);

  const rows: Array<Array<string | number>> = [];
  const perMp: number[] = [];
  for (const [ratio, matchInput] of [
    ["1:1", true],
    ["16:9", false],
  ] as const) {
    const { width, height } = PIXEL_SIZES[ratio];
    const megapixels = (width * height) / 1e6;
    for (const prompt of INSTRUCTIONS) {
      for (let i = 0; i < WARMUP; i++) await renderImage(edit(prompt, 1000 + i, ratio, matchInput), 0, [source]);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await renderImage(edit(prompt, i, ratio, matchInput), 0, [source]);
        times.push(performance.now() - started);
      }
      const summary = summarize(times);
      perMp.push(summary.p50 / megapixels);
      rows.push([
        prompt,
        matchInput ? `${ratio} (match input)` : ratio,
        round(megapixels, 2),
        ms(summary.p50),
        ms(summary.p95),
        ms(summary.p50 / megapixels),
      ]);
      ctx.log(`${prompt} ${ratio}: p50 ${ms(summary.p50)}`);
    }
  }
  const worst = Math.max(...perMp);
  return {
    checks: [atMost("p50 per megapixel, slowest instruction", worst, 150, ms)],
    tables: [
      {
        title: `renderImage of an edit of a 1 MP picture, one at a time (${RUNS} runs each after ${WARMUP} warm-up)`,
        columns: ["instruction", "output ratio", "MP", "p50", "p95", "p50 per MP"],
        rows,
      },
    ],
    figures: { worstMsPerMegapixel: worst },
  };
});
