import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buffer } from "node:stream/consumers";
import { ZipFile } from "yazl";
import { HOSTILE_BENCH_PORT } from "../../testing/ports";
import { health } from "../lib/playground-client";
import { startBenchPlayground } from "../lib/processes";
import { atMost } from "../lib/result";
import { runScenario, type ScenarioContext } from "../lib/scenario";
import { ms, summarize } from "../lib/stats";

/** Just under the 16 MB of manifest an import reads, and the runs one import stores. */
const MANIFEST_TARGET_BYTES = 15.5 * 1024 * 1024;
const MAX_RUNS = 2_000;
const SWEEP_TRIES = 20;
const PROBE_EVERY_MS = 5;

/** A finished-and-failed run (no images), with a long prompt and note: the most manifest per run. */
const failedRun = (index: number) => {
  const id = `bench${index.toString(36).padStart(8, "0")}`;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, index % 60)).toISOString();
  return {
    id,
    engine: "local",
    model: "local-preview",
    status: "failed",
    input: {
      prompt: `a harbour at night, boat ${index}, `.repeat(60).slice(0, 1990),
      aspect_ratio: "1:1",
      num_images: 1,
      seed: index,
      guidance_scale: 3.5,
      safety_tolerance: "2",
    },
    seedRequested: index,
    error: "The upstream refused the task.",
    inferenceMs: 0,
    createdAt: at,
    updatedAt: at,
    completedAt: at,
    lineage: null,
    threadId: id,
    note: "a note that fills its whole allowance ".repeat(60).slice(0, 1990),
    sweep: null,
    outputs: [],
  };
};

const manifestOf = (runs: unknown[]) =>
  JSON.stringify({
    format: "kontext-playground-export",
    version: 2,
    exportedAt: new Date().toISOString(),
    scope: { kind: "all", query: {} },
    sweeps: [],
    predictions: runs,
    inputs: [],
  });

async function zipOf(ctx: ScenarioContext, name: string, manifest: string): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(manifest), "manifest.json");
  zip.end();
  const bytes = await buffer(zip.outputStream as unknown as import("node:stream").Readable);
  fs.writeFileSync(path.join(ctx.tempDir(name), `${name}.zip`), bytes);
  return bytes;
}

/** `/api/health` asked every few milliseconds while `work` runs: how long each answer took. */
async function probed<T>(url: string, work: () => Promise<T>): Promise<{ result: T; latencies: number[] }> {
  const latencies: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${url}/api/health`);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  })();
  const result = await work();
  running = false;
  await probe;
  return { result, latencies };
}

const post = async (url: string, body: Buffer | string, type: string) => {
  const started = performance.now();
  const answer = await fetch(url, {
    method: "POST",
    headers: { "content-type": type },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: answer.status, text: await answer.text(), ms: performance.now() - started };
};

/**
 * What hostile input costs the server that has to refuse or take it: the largest import it stores
 * (2,000 runs with the longest prompts and notes), a 15.5 MB manifest of small runs it reads and
 * refuses, a grid far past the cell cap whose guidance range would be a billion values, and a
 * manifest nested two million deep. The
 * event loop's longest stall comes from the server's own monitor (`/api/health`, reset before), and
 * from `/api/health` asked every few milliseconds meanwhile.
 */
runScenario(
  {
    name: "hostile-input",
    title: "Hostile input: the largest import, an over-cap sweep, crowded and nested manifests",
    timeLimitMs: 300_000,
  },
  async (ctx) => {
    const playground = await startBenchPlayground(ctx, HOSTILE_BENCH_PORT, {
      KONTEXT_ENGINE: "local",
      DATA_DIR: ctx.tempDir("hostile"),
    });
    const url = playground.url;

    // The most one import stores, each run as large as a run may be.
    const runs = Array.from({ length: MAX_RUNS }, (_, index) => failedRun(index));
    const manifest = manifestOf(runs);
    const parseStarted = performance.now();
    JSON.parse(manifest);
    const oneParseMs = performance.now() - parseStarted;
    const zip = await zipOf(ctx, "large", manifest);
    ctx.log(
      `manifest ${(manifest.length / 2 ** 20).toFixed(1)} MB, ${runs.length} runs; one JSON.parse here: ${oneParseMs.toFixed(0)} ms`,
    );

    await health(url, true);
    const imported = await probed(url, () => post(`${url}/api/import`, zip, "application/zip"));
    const importStall = (await health(url)).eventLoopDelayMs.max;
    if (imported.result.status !== 200) throw new Error(`import answered ${imported.result.status}: ${imported.result.text}`);
    ctx.log(`import ${imported.result.ms.toFixed(0)} ms, longest stall ${importStall} ms`);

    // As many of the smallest runs as a manifest under 16 MB holds: read whole, then refused for their number.
    const small: ReturnType<typeof failedRun>[] = [];
    for (let size = 300; size < MANIFEST_TARGET_BYTES; size += JSON.stringify(small.at(-1)).length + 1)
      small.push({ ...failedRun(MAX_RUNS + small.length), input: { ...failedRun(0).input, prompt: "a boat" }, note: "" });
    small.pop();
    const crowded = await zipOf(ctx, "crowded", manifestOf(small));
    await health(url, true);
    const refusedCrowd = await post(`${url}/api/import`, crowded, "application/zip");
    const crowdStall = (await health(url)).eventLoopDelayMs.max;
    if (refusedCrowd.status !== 413)
      throw new Error(`the crowded manifest answered ${refusedCrowd.status}: ${refusedCrowd.text}`);

    const sweep = JSON.stringify({
      base: { prompt: "a lighthouse" },
      x: { field: "guidance_scale", range: { from: 1, to: 10, step: 1e-8 } },
      y: { field: "seed", values: [] },
    });
    const sweepTimes: number[] = [];
    for (let i = 0; i < SWEEP_TRIES; i++) {
      const answer = await post(`${url}/api/sweeps`, sweep, "application/json");
      if (answer.status !== 400) throw new Error(`the over-cap sweep answered ${answer.status}: ${answer.text}`);
      sweepTimes.push(answer.ms);
    }
    const sweeps = summarize(sweepTimes);

    const nested = await zipOf(ctx, "nested", `{"scope":{"query":${"[".repeat(2_000_000)}${"]".repeat(2_000_000)}}}`);
    await health(url, true);
    const deep = await post(`${url}/api/import`, nested, "application/zip");
    const deepStall = (await health(url)).eventLoopDelayMs.max;
    if (deep.status !== 400) throw new Error(`the nested manifest answered ${deep.status}: ${deep.text}`);

    const probes = summarize(imported.latencies);
    return {
      checks: [
        atMost(`longest event-loop stall while ${MAX_RUNS} runs are imported`, importStall, 50, ms),
        atMost("longest event-loop stall while a 15.5 MB manifest is read and refused", crowdStall, 50, ms),
        atMost("an over-cap sweep (a billion-value range, empty y) refused, p50", sweeps.p50, 20, ms),
        atMost("a manifest nested 2,000,000 deep (a 4 KB zip) refused", deep.ms, 500, ms),
      ],
      tables: [
        {
          title: `Import of ${runs.length} runs (the most one import stores) with 2,000-character prompts and notes (a ${(manifest.length / 2 ** 20).toFixed(1)} MB manifest)`,
          columns: ["figure", "value"],
          rows: [
            ["import, whole request", ms(imported.result.ms)],
            ["longest event-loop stall during it (server's monitor)", ms(importStall)],
            [
              `/api/health meanwhile, every ${PROBE_EVERY_MS} ms: p50 / p99 / max`,
              `${ms(probes.p50)} / ${ms(probes.p99)} / ${ms(probes.max)}`,
            ],
            ["one JSON.parse of the same manifest (bench process), for scale", ms(oneParseMs)],
          ],
        },
        {
          title: "Refusals that must cost nothing",
          columns: ["request", "answer", "time", "longest stall"],
          rows: [
            [`over-cap sweep, ${SWEEP_TRIES} tries (p50 / max)`, 400, `${ms(sweeps.p50)} / ${ms(sweeps.max)}`, "—"],
            [
              `manifest nested 2,000,000 deep (${(nested.length / 1024).toFixed(1)} KB zip)`,
              deep.status,
              ms(deep.ms),
              ms(deepStall),
            ],
            [
              `15.5 MB manifest of ${small.length} small runs (read, then refused)`,
              refusedCrowd.status,
              ms(refusedCrowd.ms),
              ms(crowdStall),
            ],
          ],
        },
      ],
      figures: { runs: runs.length, manifestBytes: manifest.length, importStall, crowdStall, deepStall, sweepTimes, probes },
    };
  },
);
