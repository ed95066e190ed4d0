import { randomBytes } from "node:crypto";
import { MODEL_ID } from "../../lib/contract";
import { openDatabase } from "../../lib/db/client";
import { SqlitePredictionRepo } from "../../lib/db/sqlite-prediction-repo";
import type { AspectRatio } from "../../lib/domain";

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

export type SeedOptions = {
  rows: number;
  /** A word put in 1 % of the prompts, for searches to find. */
  word: string;
  /** Images of the i-th run, and the size each is recorded with. */
  imagesOf?: (i: number) => number;
  imageBytes?: number;
  /** Time between two runs; one a minute by default (10,000 runs cover a week). */
  spacingMs?: number;
};

/**
 * A history of `rows` runs on WaveSpeed, one every `spacingMs` up to now, straight into SQLite through the
 * app's own repo in one transaction (the SQLite repo runs each statement before its promise settles,
 * so every call lands inside it). Every 25th failed; the others completed. Returns the time it took
 * and each output's key in the images folder (for a scenario that writes the files too).
 */
export async function seedHistory(file: string, options: SeedOptions): Promise<{ seedMs: number; outputs: string[] }> {
  const { rows, word, imagesOf = (i) => 1 + (i % 4 === 0 ? 3 : 0), imageBytes = 250_000, spacingMs = 60_000 } = options;
  const db = openDatabase(file);
  const store = new SqlitePredictionRepo(db);
  const started = performance.now();
  const base = Date.now() - rows * spacingMs;
  const written: string[] = [];
  let state = 42;
  const pick = <T>(list: T[]) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return list[state % list.length];
  };
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const id = randomBytes(16).toString("hex");
      const createdAt = new Date(base + i * spacingMs).toISOString();
      const prompt = `${pick(SUBJECTS)}${i % 100 === 7 ? ` beside a ${word}` : ""}, ${pick(STYLES)}, ${pick(LIGHT)}`;
      const failed = i % 25 === 0;
      const images = imagesOf(i);
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
      const completedAt = new Date(base + i * spacingMs + 4_000).toISOString();
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
        bytes: imageBytes,
        nsfw: false,
        sourceUrl: `https://example.invalid/outputs/${id}/${index}.png`,
        starred: false,
      }));
      written.push(...outputs.map((output) => output.file));
      void store.complete(id, outputs, { inferenceMs: 3_800, completedAt });
    }
  })();
  const seedMs = performance.now() - started;
  db.close();
  return { seedMs, outputs: written };
}
