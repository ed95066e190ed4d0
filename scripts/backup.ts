/**
 * `npm run backup -- <folder>`: a backup of DATA_DIR while the server runs (lib/backup/backup.ts).
 * Reads the same configuration as `npm start` (the environment and .env files). On PostgreSQL or S3
 * it says what to use instead and stops.
 */
import path from "node:path";
import { makeBackup } from "../lib/backup/backup";
import { runDataDirCommand } from "../lib/backup/data-dir-command";
import { formatBytes } from "../lib/view/format";

runDataDirCommand("Name the folder to write the backup into: npm run backup -- /path/to/backup", async (env, into) => {
  const { counts } = await makeBackup(env.DATA_DIR, into);
  return (seconds) =>
    `Backed up ${path.resolve(env.DATA_DIR)} into ${path.resolve(into)} in ${seconds.toFixed(1)} s: ` +
    `${counts.runs} runs (${counts.completed} completed), ${counts.outputs} images, ${counts.inputs} input pictures, ` +
    `${counts.files} files, ${formatBytes(counts.bytes)} (${(counts.bytes / 1e6 / seconds).toFixed(0)} MB/s).`;
});
