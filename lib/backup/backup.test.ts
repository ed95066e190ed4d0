import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openEmbeddedStores } from "@/lib/embedded-stores";
import { createLocalEngine } from "@/lib/engines/local";
import { createTestPredictions, pngOf, submitBody, tempDir, waitForTerminal } from "@/testing/harness";
import { makeBackup } from "./backup";
import { hashFile } from "./hashing";
import { MANIFEST_FILE } from "./manifest";
import { restoreBackup } from "./restore";
import { scaledStoresAdvice } from "./scaled-advice";

/** A data folder with every kind of thing in it: runs, a chain, a note, a star, an edit's picture, a sweep, thumbnails, the webhook secret. */
async function filledDataDir() {
  const made = createTestPredictions(createLocalEngine());
  const { service, sweeps } = made;
  const done = async (record: { id: string }) => waitForTerminal(service, record.id, 30_000);
  const root = await done(await submitBody(service, { prompt: "a lighthouse at dusk", num_images: 2 }));
  const child = await done(
    await submitBody(service, { prompt: "a lighthouse at dawn" }, { parent: { id: root.id, kind: "tweak" } }),
  );
  await service.annotate(root.id, { note: "the first one", star: { index: 1, starred: true } });
  const picture = (await pngOf(40, 30)).toString("base64");
  const edit = await done(await submitBody(service, { prompt: "make it night", image: `data:image/png;base64,${picture}` }));
  const { cells } = await sweeps.create({
    base: { prompt: "a fox", aspect_ratio: "1:1", num_images: 1, seed: 3 },
    x: { field: "seed", values: [1, 2] },
  });
  await Promise.all(cells.map(done));
  await service.files.readThumbnail(root.id, 0);
  fs.writeFileSync(path.join(made.dataDir, "webhook-secret"), "whsec_backup-test\n", { mode: 0o600 });
  await service.close();
  return { dataDir: made.dataDir, root, child, edit };
}

/** Every file under a folder with its SHA-256, the database and manifest aside. */
async function filesOf(dir: string) {
  const names = (fs.readdirSync(dir, { recursive: true }) as string[]).filter(
    (name) => fs.statSync(path.join(dir, name)).isFile() && !name.startsWith("playground.sqlite") && name !== MANIFEST_FILE,
  );
  return Object.fromEntries(
    await Promise.all(names.sort().map(async (name) => [name, (await hashFile(path.join(dir, name))).sha256])),
  );
}

describe("backup and restore", () => {
  it("restore gives back every run, note, star, lineage link, input picture and file of a backup", async () => {
    const { dataDir, root, child, edit } = await filledDataDir();
    const into = path.join(tempDir(), "backup");
    const manifest = await makeBackup(dataDir, into);
    expect(manifest.counts).toMatchObject({
      runs: 5,
      completed: 5,
      notes: 1,
      starred: 1,
      lineageLinks: 1,
      sweeps: 1,
      outputs: 6,
      inputs: 1,
    });
    expect(manifest.files.map((file) => file.path)).toContain("webhook-secret");

    const restored = path.join(tempDir(), "restored");
    await restoreBackup(into, restored);
    expect(await filesOf(restored)).toEqual(await filesOf(dataDir));
    expect(fs.statSync(path.join(restored, "webhook-secret")).mode & 0o777).toBe(0o600);

    const before = openEmbeddedStores(dataDir);
    const after = openEmbeddedStores(restored);
    const all = { limit: 100 };
    expect((await after.repo.list(all)).items).toEqual((await before.repo.list(all)).items);
    expect((await after.repo.get(child.id))?.lineage?.parentId).toBe(root.id);
    expect(await after.repo.get(root.id)).toMatchObject({ note: "the first one" });
    expect((await after.repo.get(root.id))?.outputs.map((output) => output.starred)).toEqual([false, true]);
    expect((await after.repo.get(edit.id))?.input.edit?.images).toHaveLength(1);
    await Promise.all([before.repo.close(), after.repo.close()]);
  });

  it("leaves out a run whose files were deleted between the database's copy and the files'", async () => {
    const { dataDir, root, child } = await filledDataDir();
    // What a delete during a backup looks like from the files' side: the row is in the copy, the images are gone.
    fs.rmSync(path.join(dataDir, "images", child.id), { recursive: true });
    fs.rmSync(path.join(dataDir, "thumbs", root.id), { recursive: true });
    const into = path.join(tempDir(), "backup");
    const manifest = await makeBackup(dataDir, into);
    expect(manifest.counts).toMatchObject({ runs: 4, lineageLinks: 0 });
    expect(manifest.files.some((file) => file.path.includes(child.id))).toBe(false);

    const restored = path.join(tempDir(), "restored");
    await restoreBackup(into, restored);
    const after = openEmbeddedStores(restored);
    expect(await after.repo.get(child.id)).toBeUndefined();
    // A thumbnail is a cache: without it the run is whole.
    expect((await after.repo.get(root.id))?.outputs).toHaveLength(2);
    await after.repo.close();
  });

  it("writes only into an empty or new folder, and leaves nothing when it fails", async () => {
    const { dataDir } = await filledDataDir();
    const busy = tempDir();
    fs.writeFileSync(path.join(busy, "mine.txt"), "keep me");
    await expect(makeBackup(dataDir, busy)).rejects.toThrow(/not empty/);
    expect(fs.readdirSync(busy)).toEqual(["mine.txt"]);

    const nowhere = path.join(tempDir(), "new", "backup");
    await expect(makeBackup(path.join(tempDir(), "no-data-here"), nowhere)).rejects.toThrow(/no database.*DATA_DIR/);
    expect(fs.existsSync(path.dirname(nowhere))).toBe(false);
  });

  it("restores only into an empty DATA_DIR, and checks every hash before it writes anything", async () => {
    const { dataDir, root } = await filledDataDir();
    const into = path.join(tempDir(), "backup");
    await makeBackup(dataDir, into);

    await expect(restoreBackup(into, dataDir)).rejects.toThrow(/DATA_DIR .* is not empty/);

    const target = path.join(tempDir(), "restored");
    const image = path.join(into, "images", root.id, "0.jpg");
    const original = fs.readFileSync(image);
    fs.writeFileSync(image, Buffer.concat([original.subarray(0, 100), Buffer.from("x"), original.subarray(101)]));
    await expect(restoreBackup(into, target)).rejects.toThrow(new RegExp(`images/${root.id}/0.jpg .*does not match its SHA-256`));
    fs.rmSync(image);
    await expect(restoreBackup(into, target)).rejects.toThrow(/missing images/);
    // Nothing written: no DATA_DIR, and nothing staged beside it.
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);

    fs.writeFileSync(image, original);
    const manifest = JSON.parse(fs.readFileSync(path.join(into, MANIFEST_FILE), "utf8"));
    fs.writeFileSync(path.join(into, MANIFEST_FILE), JSON.stringify({ ...manifest, schemaVersion: 999 }));
    await expect(restoreBackup(into, target)).rejects.toThrow(/schema version 999, newer/);
    fs.rmSync(path.join(into, MANIFEST_FILE));
    await expect(restoreBackup(into, target)).rejects.toThrow(/not a finished backup/);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it("on PostgreSQL or S3 points to pg_dump and the bucket's versioning instead", () => {
    expect(scaledStoresAdvice({})).toBeUndefined();
    const advice = scaledStoresAdvice({
      DATABASE_URL: "postgres://db/kontext",
      S3_ENDPOINT: "https://s3.example.com",
      S3_BUCKET: "pictures",
    });
    expect(advice).toMatch(/pg_dump/);
    expect(advice).toMatch(/bucket pictures.*versioning.*replication/);
    expect(advice).not.toContain("postgres://db/kontext");
  });
});
