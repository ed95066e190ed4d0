import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { machineInfo } from "./machine";
import { type Check, printTable, type ScenarioResult, type Table, writeResult } from "./result";

export const ROOT = path.resolve(__dirname, "../..");

export type ScenarioContext = {
  /** Runs when the scenario ends, however it ends; last registered runs first. */
  onCleanup(fn: () => unknown): void;
  /** A fresh temp folder, removed at the end. */
  tempDir(prefix: string): string;
  log(message: string): void;
};

export type ScenarioOutput = { checks: Check[]; tables: Table[]; notes?: string[]; figures?: Record<string, unknown> };

type Meta = { name: string; title: string /** The whole scenario is stopped past this. */; timeLimitMs: number };

const CLEANUP_STEP_MS = 15_000;

/**
 * Runs one scenario: prints its figures, writes bench/results/<name>.json,
 * and tears down every process and folder it made, on success, on error,
 * on SIGINT/SIGTERM, and when its time limit passes.
 */
export function runScenario(meta: Meta, body: (ctx: ScenarioContext) => Promise<ScenarioOutput>): void {
  process.chdir(ROOT);
  const cleanups: Array<() => unknown> = [];
  const started = Date.now();
  const machine = machineInfo();
  const log = (message: string) => console.log(`[${meta.name} +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
  const ctx: ScenarioContext = {
    onCleanup: (fn) => void cleanups.push(fn),
    tempDir(prefix) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kontext-bench-${prefix}-`));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    log,
  };

  let finished = false;
  const cleanupAll = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise((resolve) => (timer = setTimeout(resolve, CLEANUP_STEP_MS)));
      await Promise.race([Promise.resolve().then(fn), limit]).catch((error) => log(`cleanup failed: ${String(error)}`));
      clearTimeout(timer);
    }
  };

  const finish = async (output: ScenarioOutput | undefined, error?: unknown) => {
    if (finished) return;
    finished = true;
    clearTimeout(deadline);
    await cleanupAll();
    const result: ScenarioResult = {
      scenario: meta.name,
      title: meta.title,
      command: `npm run bench -- ${meta.name}`,
      machine,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      status: error === undefined ? "ok" : "error",
      ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
      checks: output?.checks ?? [],
      tables: output?.tables ?? [],
      notes: output?.notes ?? [],
      figures: output?.figures ?? {},
    };
    const file = writeResult(result);
    output?.tables.forEach(printTable);
    console.log(`\n  ${meta.title}: targets`);
    for (const check of result.checks) {
      const verdict = check.pass === null ? "n/a " : check.pass ? "pass" : "MISS";
      console.log(`    [${verdict}] ${check.metric}: ${check.measured} (target ${check.target})`);
    }
    if (error !== undefined) console.error(`\n  ${meta.name} failed: ${result.error}`);
    console.log(`\n  wrote ${path.relative(ROOT, file)} in ${(result.durationMs / 1000).toFixed(1)} s\n`);
    process.exit(error === undefined ? 0 : 1);
  };

  const deadline = setTimeout(
    () => void finish(undefined, new Error(`time limit of ${meta.timeLimitMs / 1000} s passed`)),
    meta.timeLimitMs,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void finish(undefined, new Error(`stopped by ${signal}`)));
  }
  process.on("unhandledRejection", (error) => void finish(undefined, error));

  log(`starting on ${machine.cpuModel} x${machine.cores}, load ${machine.loadAverage1m}`);
  body(ctx).then(
    (output) => finish(output),
    (error: unknown) => finish(undefined, error),
  );
}

/** Polls `probe` until it returns a value, within a bounded time. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ""}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
