import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { diskUsage } from "../../lib/retention/disk-usage";
import { OPERATIONS_BENCH_PORTS } from "../../testing/ports";
import { serverEnv } from "../../testing/server-env";
import { startBenchPlayground } from "../lib/processes";
import { type Check, printTable } from "../lib/result";
import { ROOT, runScenario } from "../lib/scenario";
import { seedHistory } from "../lib/seed-history";
import { ms, round } from "../lib/stats";

/** 1,000 runs, 960 of them completed with four 256 KiB images: 1.0 GB of images. */
const RUNS = 1_000;
const IMAGE_BYTES = 256 * 1024;
const ROUNDS = 2;

type Timed = { seconds: number; reported?: number };

runScenario({ name: "backup-restore", title: "Backup and restore of a 1 GB data folder", timeLimitMs: 320_000 }, async (ctx) => {
  const base = ctx.tempDir("backup");
  const dataDir = path.join(base, "data");
  const { outputs } = await seedHistory(path.join(dataDir, "playground.sqlite"), {
    rows: RUNS,
    word: "lighthouse",
    imagesOf: () => 4,
    imageBytes: IMAGE_BYTES,
  });
  // Random bytes, as compressed images are: nothing along the way can shrink them.
  for (const file of outputs) {
    fs.mkdirSync(path.dirname(path.join(dataDir, "images", file)), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "images", file), randomBytes(IMAGE_BYTES));
  }
  // The server runs, as it would during a real backup; its start takes the reserve and writes its secret.
  await startBenchPlayground(ctx, OPERATIONS_BENCH_PORTS.backup, { KONTEXT_ENGINE: "local", DATA_DIR: dataDir });
  const bytes = totalBytes(dataDir);
  const walk = performance.now();
  const allocated = await diskUsage(dataDir);
  const walkMs = performance.now() - walk;
  ctx.log(`data folder: ${round(bytes / 1e9, 2)} GB in ${outputs.length + 3} files; storage walk ${ms(walkMs)}`);

  const rounds: Array<Record<"cp" | "backup" | "restore", Timed>> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const copy = path.join(base, `copy-${round}`);
    const backup = path.join(base, `backup-${round}`);
    const restored = path.join(base, `restored-${round}`);
    // Each step starts with the disk's write-back done, so none pays for the one before it.
    const cp = timed(() => run("cp", ["-a", dataDir, copy]));
    const made = timed(() => run("npm", ["run", "--silent", "backup", "--", backup], { DATA_DIR: dataDir }));
    const back = timed(() => run("npm", ["run", "--silent", "restore", "--", backup], { DATA_DIR: restored }));
    rounds.push({ cp, backup: made, restore: back });
    ctx.log(`round ${round + 1}: cp -a ${cp.seconds} s, backup ${made.seconds} s, restore ${back.seconds} s`);
    for (const dir of [copy, backup, restored]) fs.rmSync(dir, { recursive: true, force: true });
  }

  const mbps = (seconds: number) => round(bytes / 1e6 / seconds, 0);
  const last = rounds.at(-1)!;
  const rows = (["cp", "backup", "restore"] as const).map((step) => [
    { cp: "cp -a (a plain copy, for comparison)", backup: "npm run backup", restore: "npm run restore" }[step],
    ...rounds.map((r) => `${r[step].seconds} s (${mbps(r[step].seconds)} MB/s)`),
    last[step].reported === undefined ? "—" : `${last[step].reported} s (${mbps(last[step].reported!)} MB/s)`,
  ]);
  const table = {
    title: `A ${round(bytes / 1e9, 2)} GB data folder (${outputs.length} images of 256 KiB, the database, the secret and the reserve), the server running`,
    columns: ["step", ...rounds.map((_, i) => `round ${i + 1}, wall`), "last round, the script's own time"],
    rows,
  };
  printTable(table);
  const checks: Check[] = [
    {
      metric: "backup throughput, last round (wall, with npm's start)",
      target: "measured against cp -a",
      measured: `${mbps(last.backup.seconds)} MB/s (cp -a ${mbps(last.cp.seconds)} MB/s)`,
      pass: null,
    },
    {
      metric: "restore throughput, last round (wall, with npm's start)",
      target: "measured against cp -a",
      measured: `${mbps(last.restore.seconds)} MB/s (cp -a ${mbps(last.cp.seconds)} MB/s)`,
      pass: null,
    },
  ];
  return {
    checks,
    tables: [
      table,
      {
        title: "Measuring the storage a folder takes (MAX_STORAGE_GB, the Storage panel): the walk of this folder, in process",
        columns: ["files", "allocated", "time"],
        rows: [[outputs.length + 3, `${round(allocated / 1e9, 2)} GB`, ms(walkMs)]],
      },
    ],
    figures: { bytes, files: outputs.length, rounds, walkMs, allocated },
  };
});

function run(command: string, args: string[], env?: Record<string, string>): string {
  const result = spawnSync(command, args, { cwd: ROOT, env: env ? serverEnv(env) : process.env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** Wall time, and the time the script says it took (without npm's and tsx's start). */
function timed(work: () => string): Timed {
  run("sync", []);
  const started = performance.now();
  const output = work();
  const seconds = round((performance.now() - started) / 1000, 2);
  const reported = /in (\d+(?:\.\d+)?) s/.exec(output)?.[1];
  return { seconds, reported: reported === undefined ? undefined : Number(reported) };
}

function totalBytes(dir: string): number {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((name) => fs.statSync(path.join(dir, name)))
    .filter((stats) => stats.isFile())
    .reduce((sum, stats) => sum + stats.size, 0);
}
