import fs from "node:fs/promises";
import path from "node:path";
import { BLOB_FOLDERS, DATABASE_FILE } from "../embedded-stores";
import { WEBHOOK_SECRET_FILE } from "../webhooks/secret";
import { eachLimited, emptyFolder, filesUnder } from "./folders";
import { copyHashed, type Hashed, hashFile } from "./hashing";
import { type FileEntry, MANIFEST_FILE, type Manifest, newManifest } from "./manifest";
import { Snapshot, type SnapshotKeys, snapshotDatabase } from "./snapshot";

/** Files copied at once: enough to keep a disk busy, few enough to leave the server its share. */
const COPIES_AT_ONCE = 4;

/** Which keys a folder's first path segment belongs to: a run, a sweep, or an input picture's hash. */
const OWNERS: Record<string, (keys: SnapshotKeys, first: string) => boolean> = {
  [BLOB_FOLDERS.blobs]: (keys, first) => keys.runs.has(first),
  [BLOB_FOLDERS.thumbnailBlobs]: (keys, first) => keys.runs.has(first),
  [BLOB_FOLDERS.cardBlobs]: (keys, first) => keys.runs.has(first) || keys.sweeps.has(first),
  [BLOB_FOLDERS.gridBlobs]: (keys, first) => keys.sweeps.has(first),
  [BLOB_FOLDERS.inputBlobs]: (keys, first) => keys.inputs.has(first),
};

/** A file being written by the store (renamed into place once whole). */
const isIncomplete = (file: string) => file.endsWith(".tmp");

/**
 * A backup of a data folder while the server runs: the database by SQLite's online backup API, then
 * the files of every blob store that the copy names (images, input pictures, thumbnails, sweep grids,
 * preview cards) and the webhook secret, each hashed as it is copied, then `manifest.json` with the
 * counts and every SHA-256, written last. Runs deleted while the files were copied leave the copy too.
 * `into` must be empty or new; a failed backup leaves nothing there.
 */
export async function makeBackup(dataDir: string, into: string): Promise<Manifest> {
  const source = path.resolve(dataDir);
  const target = path.resolve(into);
  const folder = await emptyFolder(target);
  try {
    await snapshotDatabase(path.join(source, DATABASE_FILE), path.join(target, DATABASE_FILE));
    const snapshot = new Snapshot(path.join(target, DATABASE_FILE));
    let files: FileEntry[];
    try {
      const copied = await copyFiles(source, target, snapshot.keys());
      snapshot.drop(vanished(snapshot.keys(), copied));
      files = await keepNamed(target, snapshot.keys(), copied);
      const secret = await copySecret(source, target);
      if (secret) files.push(secret);
    } catch (error) {
      snapshot.close();
      throw error;
    }
    const counts = snapshot.counts();
    const schemaVersion = snapshot.schemaVersion;
    snapshot.close();
    const database = { path: DATABASE_FILE, ...(await hashFile(path.join(target, DATABASE_FILE))) };
    const bytes = files.reduce((sum, file) => sum + file.bytes, database.bytes);
    const manifest = newManifest({
      createdAt: new Date().toISOString(),
      schemaVersion,
      database,
      files,
      counts: { ...counts, files: files.length, bytes },
    });
    const written = path.join(target, `${MANIFEST_FILE}.tmp`);
    await fs.writeFile(written, `${JSON.stringify(manifest, null, 2)}\n`);
    await fs.rename(written, path.join(target, MANIFEST_FILE));
    return manifest;
  } catch (error) {
    await folder.clear();
    throw error;
  }
}

/** Copies each blob folder's files whose owner the snapshot names; a file deleted meanwhile is skipped. */
async function copyFiles(source: string, target: string, keys: SnapshotKeys): Promise<Map<string, Hashed>> {
  const copied = new Map<string, Hashed>();
  for (const [name, owns] of Object.entries(OWNERS)) {
    const wanted = (await filesUnder(path.join(source, name))).filter(
      (file) => !isIncomplete(file) && owns(keys, file.split(path.sep)[0]),
    );
    await eachLimited(wanted, COPIES_AT_ONCE, async (file) => {
      const relative = `${name}/${file.split(path.sep).join("/")}`;
      const to = path.join(target, relative);
      await fs.mkdir(path.dirname(to), { recursive: true });
      try {
        copied.set(relative, await copyHashed(path.join(source, relative), to));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        await fs.rm(to, { force: true });
      }
    });
  }
  return copied;
}

/** The runs and input pictures the snapshot names whose files were gone by the time they were copied. */
function vanished(keys: SnapshotKeys, copied: Map<string, Hashed>) {
  const runs = new Set(keys.outputs.filter((output) => !copied.has(`${BLOB_FOLDERS.blobs}/${output.file}`)).map((o) => o.run));
  const inputs = [...keys.inputFiles].filter(([, file]) => !copied.has(`${BLOB_FOLDERS.inputBlobs}/${file}`)).map(([sha]) => sha);
  return { runs: [...runs], inputs };
}

/** The copied files whose owner is still in the snapshot; the others (of runs dropped) are removed again. */
async function keepNamed(target: string, keys: SnapshotKeys, copied: Map<string, Hashed>): Promise<FileEntry[]> {
  const kept: FileEntry[] = [];
  for (const [relative, hashed] of copied) {
    const [name, first] = relative.split("/");
    if (OWNERS[name](keys, first)) kept.push({ path: relative, ...hashed });
    else await fs.rm(path.join(target, relative));
  }
  return kept.sort((a, b) => a.path.localeCompare(b.path));
}

async function copySecret(source: string, target: string): Promise<FileEntry | undefined> {
  try {
    return {
      path: WEBHOOK_SECRET_FILE,
      ...(await copyHashed(path.join(source, WEBHOOK_SECRET_FILE), path.join(target, WEBHOOK_SECRET_FILE), 0o600)),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
