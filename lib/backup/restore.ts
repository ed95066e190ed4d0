import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "../db/migrations";
import { WEBHOOK_SECRET_FILE } from "../webhooks/secret";
import { eachLimited } from "./folders";
import { copyHashed, hashFile } from "./hashing";
import { type FileEntry, MANIFEST_FILE, type Manifest, manifestSchema } from "./manifest";

const CHECKS_AT_ONCE = 4;

/**
 * Restores a backup (makeBackup's folder) into an empty or new data folder. It refuses a folder that
 * holds anything, a backup whose manifest does not read, one made by a newer schema than this
 * version knows, and any file whose size or SHA-256 differs from the manifest: every file is checked
 * before anything is written. The files go into a folder beside DATA_DIR that is renamed into place
 * once all are written and the database passes SQLite's quick check; a failure removes it.
 */
export async function restoreBackup(from: string, dataDir: string): Promise<Manifest> {
  const backup = path.resolve(from);
  const target = path.resolve(dataDir);
  const existed = await refuseNonEmpty(target);
  const manifest = await readManifest(backup);
  if (manifest.schemaVersion > MIGRATIONS.length)
    throw new Error(
      `This backup's database is at schema version ${manifest.schemaVersion}, newer than this version of the playground knows (${MIGRATIONS.length}): restore it with the version that made it, or a later one.`,
    );
  const entries = [manifest.database, ...manifest.files];
  await eachLimited(entries, CHECKS_AT_ONCE, async (entry) => {
    const found = await hashFile(path.join(backup, entry.path)).catch(() => undefined);
    if (!found) throw new Error(`The backup is missing ${entry.path}; nothing was restored.`);
    if (found.bytes !== entry.bytes || found.sha256 !== entry.sha256)
      throw new Error(`${entry.path} in the backup does not match its SHA-256 in the manifest; nothing was restored.`);
  });

  const parentMade = await fs.mkdir(path.dirname(target), { recursive: true });
  const staging = await fs.mkdtemp(`${target}.restoring-`);
  try {
    await eachLimited(entries, CHECKS_AT_ONCE, (entry) => copyChecked(backup, staging, entry));
    quickCheck(path.join(staging, manifest.database.path));
    if (existed) await fs.rmdir(target);
    await fs.rename(staging, target);
    return manifest;
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    if (parentMade) await fs.rm(parentMade, { recursive: true, force: true });
    throw error;
  }
}

/** True when the folder exists (empty); throws when it holds anything. */
async function refuseNonEmpty(target: string): Promise<boolean> {
  try {
    const names = await fs.readdir(target);
    if (names.length > 0)
      throw new Error(
        `DATA_DIR (${target}) is not empty: a restore goes only into an empty or new folder, so nothing there is overwritten.`,
      );
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

async function readManifest(backup: string): Promise<Manifest> {
  const text = await fs.readFile(path.join(backup, MANIFEST_FILE), "utf8").catch(() => {
    throw new Error(`${backup} holds no ${MANIFEST_FILE}: it is not a finished backup of the playground.`);
  });
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${MANIFEST_FILE} in ${backup} is not a playground backup's manifest: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Copies one file, checking its hash again as it is read: a backup changed since the check is refused too. */
async function copyChecked(backup: string, staging: string, entry: FileEntry): Promise<void> {
  const to = path.join(staging, entry.path);
  await fs.mkdir(path.dirname(to), { recursive: true });
  const mode = entry.path === WEBHOOK_SECRET_FILE ? 0o600 : undefined;
  const copied = await copyHashed(path.join(backup, entry.path), to, mode);
  if (copied.sha256 !== entry.sha256)
    throw new Error(`${entry.path} changed in the backup while it was restored; nothing was restored.`);
}

function quickCheck(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    const result = db.pragma("quick_check", { simple: true });
    if (result !== "ok")
      throw new Error(`The backup's database fails SQLite's quick check (${String(result)}); nothing was restored.`);
  } finally {
    db.close();
  }
}
