/**
 * `npm run backup -- <folder>`: a backup of DATA_DIR while the server runs (lib/backup/backup.ts).
 * Reads the same configuration as `npm start` (the environment and .env files). On PostgreSQL or S3
 * it says what to use instead and stops.
 */
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { makeBackup } from "../lib/backup/backup";
import { scaledStoresAdvice } from "../lib/backup/scaled-advice";
import { getEnv } from "../lib/env";
import { formatBytes } from "../lib/view/format";

async function main() {
  const [into] = process.argv.slice(2);
  if (!into) throw new Error("Name the folder to write the backup into: npm run backup -- /path/to/backup");
  loadEnvConfig(path.resolve(__dirname, ".."));
  const env = getEnv();
  const advice = scaledStoresAdvice(env);
  if (advice) {
    console.error(advice);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const manifest = await makeBackup(env.DATA_DIR, into);
  const seconds = (performance.now() - started) / 1000;
  const { counts } = manifest;
  console.log(
    `Backed up ${path.resolve(env.DATA_DIR)} into ${path.resolve(into)} in ${seconds.toFixed(1)} s: ` +
      `${counts.runs} runs (${counts.completed} completed), ${counts.outputs} images, ${counts.inputs} input pictures, ` +
      `${counts.files} files, ${formatBytes(counts.bytes)} (${(counts.bytes / 1e6 / seconds).toFixed(0)} MB/s).`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
