/**
 * `npm run restore -- <folder>`: restores a backup into DATA_DIR, which must be empty or new
 * (lib/backup/restore.ts). Stop the server first; start it on the restored folder afterwards.
 */
import path from "node:path";
import { runDataDirCommand } from "../lib/backup/data-dir-command";
import { restoreBackup } from "../lib/backup/restore";
import { formatBytes } from "../lib/view/format";

runDataDirCommand("Name the backup folder to restore: npm run restore -- /path/to/backup", async (env, from) => {
  const manifest = await restoreBackup(from, env.DATA_DIR);
  const { counts } = manifest;
  return (seconds) =>
    `Restored the backup of ${manifest.createdAt} into ${path.resolve(env.DATA_DIR)} in ${seconds.toFixed(1)} s: ` +
    `${counts.runs} runs, ${counts.outputs} images, ${counts.files} files, ${formatBytes(counts.bytes)}, every SHA-256 checked.`;
});
