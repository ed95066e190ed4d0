/**
 * `npm run restore -- <folder>`: restores a backup into DATA_DIR, which must be empty or new
 * (lib/backup/restore.ts). Stop the server first; start it on the restored folder afterwards.
 */
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { restoreBackup } from "../lib/backup/restore";
import { scaledStoresAdvice } from "../lib/backup/scaled-advice";
import { getEnv } from "../lib/env";
import { formatBytes } from "../lib/view/format";

async function main() {
  const [from] = process.argv.slice(2);
  if (!from) throw new Error("Name the backup folder to restore: npm run restore -- /path/to/backup");
  loadEnvConfig(path.resolve(__dirname, ".."));
  const env = getEnv();
  const advice = scaledStoresAdvice(env);
  if (advice) {
    console.error(advice);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const manifest = await restoreBackup(from, env.DATA_DIR);
  const seconds = (performance.now() - started) / 1000;
  const { counts } = manifest;
  console.log(
    `Restored the backup of ${manifest.createdAt} into ${path.resolve(env.DATA_DIR)} in ${seconds.toFixed(1)} s: ` +
      `${counts.runs} runs, ${counts.outputs} images, ${counts.files} files, ${formatBytes(counts.bytes)}, every SHA-256 checked.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
