import fs from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterEach, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { ZipFile } from "yazl";
import { openDatabase } from "@/lib/db/client";
import { SqliteArchiveRepo } from "@/lib/db/sqlite-archive-repo";
import { createLocalEngine } from "@/lib/engines/local";
import { createTestPredictions, readOutput, submitBody, tempDir, waitForTerminal } from "@/testing/harness";
import { importArchive } from "./import";
import { MANIFEST_NAME, MANIFEST_VERSION, type Manifest } from "./manifest";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function playground() {
  const made = createTestPredictions(createLocalEngine());
  cleanups.push(() => made.service.close());
  return made;
}

/** A small history: a thread of two with a note and a star, and a two-cell sweep. */
async function someHistory() {
  const made = playground();
  const root = await waitForTerminal(made.service, (await submitBody(made.service, { prompt: "a harbour", num_images: 2 })).id);
  const child = await waitForTerminal(
    made.service,
    (
      await submitBody(
        made.service,
        { model: "max", prompt: "a harbour at night" },
        { parent: { id: root.id, kind: "settings" } },
      )
    ).id,
  );
  await made.service.annotate(root.id, { note: "the first light", star: { index: 1, starred: true } });
  const { sweep, cells } = await made.sweeps.create({ base: { prompt: "a mill" }, x: { field: "seed", values: [1, 2] } });
  await Promise.all(cells.map((cell) => waitForTerminal(made.service, cell.id)));
  return { ...made, root, child, sweep };
}

async function exportToFile(
  made: ReturnType<typeof playground>,
  scope: Parameters<typeof made.archive.export>[0] = { kind: "all" },
) {
  const file = path.join(tempDir(), "export.zip");
  fs.writeFileSync(file, await buffer(await made.archive.export(scope, {})));
  return file;
}

async function readManifest(file: string): Promise<Manifest> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  return new Promise((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.fileName !== MANIFEST_NAME) return zip.readEntry();
      zip.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        resolve(JSON.parse((await buffer(stream)).toString("utf8")));
        zip.close();
      });
    });
    zip.readEntry();
  });
}

/** A zip of these entries, written by yazl. */
async function zipOf(entries: Record<string, Buffer | string>): Promise<string> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const file = path.join(tempDir(), "crafted.zip");
  fs.writeFileSync(file, await buffer(zip.outputStream as NodeJS.ReadableStream as import("node:stream").Readable));
  return file;
}

describe("export and import", () => {
  it("moves a whole history to a fresh data folder: runs, images, lineage, notes, stars and sweeps", async () => {
    const source = await someHistory();
    const file = await exportToFile(source);
    const manifest = await readManifest(file);
    expect(manifest).toMatchObject({ format: "kontext-playground-export", version: 2, scope: { kind: "all" } });
    expect(manifest.predictions).toHaveLength(4);
    // Each run's model travels with it; a file from before models were recorded reads as [pro].
    expect(manifest.predictions.find((run) => run.id === source.child.id)?.input).toMatchObject({ model: "max" });
    expect(manifest.sweeps.map((sweep) => sweep.id)).toEqual([source.sweep.id]);

    const target = playground();
    expect(await target.archive.import(file)).toEqual({
      predictions: { imported: 4, skipped: 0 },
      sweeps: { imported: 1, skipped: 0 },
    });
    const before = (await source.service.history({ limit: 50 })).items;
    const after = (await target.service.history({ limit: 50 })).items;
    const comparable = (records: typeof before) => records.map(({ upstreamId: _u, submitState: _s, ...kept }) => kept);
    expect(comparable(after)).toEqual(comparable(before));
    const original = await readOutput(source.service, source.root.id, 1);
    const copied = await readOutput(target.service, source.root.id, 1);
    expect(copied.bytes.equals(original.bytes)).toBe(true);
    expect((await target.sweeps.get(source.sweep.id)).cells).toHaveLength(2);

    // Importing again keeps what is there.
    expect(await target.archive.import(file)).toEqual({
      predictions: { imported: 0, skipped: 4 },
      sweeps: { imported: 0, skipped: 1 },
    });
  });

  it("carries an edit's input picture by its hash, and still imports a version 1 file", async () => {
    const source = playground();
    const root = await waitForTerminal(source.service, (await submitBody(source.service, { prompt: "a harbour" })).id);
    const picture = (await readOutput(source.service, root.id, 0)).bytes;
    const submitted = await submitBody(
      source.service,
      { prompt: "make it night", image: picture.toString("base64") },
      { parent: { id: root.id, kind: "edit" } },
    );
    const edit = await waitForTerminal(source.service, submitted.id);
    const sha = edit.input.edit!.images[0].sha256;
    const file = await exportToFile(source);
    const manifest = await readManifest(file);
    expect(manifest.inputs.map((input) => input.sha256)).toEqual([sha]);

    const target = playground();
    await target.archive.import(file);
    expect((await target.service.get(edit.id)).input.edit).toEqual(edit.input.edit);
    const { blob } = await target.service.files.openInput(sha);
    expect(Buffer.from(await new Response(blob.body).arrayBuffer()).equals(picture)).toBe(true);

    // The same history as version 1 wrote it (before edits): text runs only, no inputs.
    const textOnly = playground();
    const run = await waitForTerminal(textOnly.service, (await submitBody(textOnly.service, { prompt: "a mill" })).id);
    const { inputs: _inputs, ...current } = await readManifest(await exportToFile(textOnly));
    const image = (await readOutput(textOnly.service, run.id, 0)).bytes;
    const v1 = await zipOf({
      [MANIFEST_NAME]: JSON.stringify({ ...current, version: 1 }),
      [current.predictions[0].outputs[0].file]: image,
    });
    const fresh = playground();
    expect(await fresh.archive.import(v1)).toEqual({
      predictions: { imported: 1, skipped: 0 },
      sweeps: { imported: 0, skipped: 0 },
    });
    expect((await readOutput(fresh.service, run.id, 0)).bytes.equals(image)).toBe(true);
  });

  it("exports one thread or one sweep", async () => {
    const source = await someHistory();
    const thread = await readManifest(await exportToFile(source, { kind: "thread", threadId: source.root.id }));
    expect(thread.predictions.map((run) => run.id).sort()).toEqual([source.root.id, source.child.id].sort());
    expect(thread.sweeps).toEqual([]);
    const sweep = await readManifest(await exportToFile(source, { kind: "sweep", sweepId: source.sweep.id }));
    expect(sweep.predictions.every((run) => run.sweep?.id === source.sweep.id)).toBe(true);
    expect(sweep.predictions).toHaveLength(2);
  });

  it("refuses a zip-slip entry, a bad manifest, a truncated zip, a missing or damaged image, and stores nothing", async () => {
    const source = await someHistory();
    const good = await exportToFile(source);
    const target = playground();
    const refusal = (file: string) =>
      target.archive.import(file).then(
        () => undefined,
        (error: Error) => error.message,
      );

    // An entry climbing out of the archive: yazl will not write one, so the name is patched in place.
    const slip = fs.readFileSync(await zipOf({ "xx/evil.txt": "boo", [MANIFEST_NAME]: "{}" }));
    const patched = path.join(tempDir(), "slip.zip");
    fs.writeFileSync(patched, Buffer.from(slip.toString("latin1").replaceAll("xx/evil.txt", "../evil.txt"), "latin1"));
    expect(await refusal(patched)).toMatch(/an entry whose name would land outside its folder/);

    const manifest = await readManifest(good);
    expect(await refusal(await zipOf({ [MANIFEST_NAME]: "not json" }))).toMatch(/manifest\.json is not valid JSON/);
    expect(
      await refusal(await zipOf({ [MANIFEST_NAME]: JSON.stringify({ ...manifest, version: MANIFEST_VERSION + 1 }) })),
    ).toMatch(/not a valid export manifest: version/);
    expect(await refusal(await zipOf({ "hello.txt": "hi" }))).toMatch(/has no manifest\.json/);

    const bytes = fs.readFileSync(good);
    const truncated = path.join(tempDir(), "truncated.zip");
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    // In words, not the zip library's own message.
    expect(await refusal(truncated)).toBe(
      "The file is not a zip, or it is cut short: a zip ends with a table of its contents, and this file has none. Check that the download finished, or export again. Nothing was imported.",
    );

    // The manifest names an image the zip does not hold.
    expect(await refusal(await zipOf({ [MANIFEST_NAME]: JSON.stringify(manifest) }))).toMatch(/is missing from the zip/);
    // An image whose bytes are not what the manifest says.
    const run = manifest.predictions.find((candidate) => candidate.outputs.length > 0)!;
    const output = run.outputs[0];
    const fake = Buffer.alloc(output.bytes, 7);
    const others = Object.fromEntries(
      manifest.predictions
        .flatMap((candidate) => candidate.outputs)
        .filter((o) => o.file !== output.file)
        .map((o) => [o.file, Buffer.alloc(o.bytes)]),
    );
    expect(await refusal(await zipOf({ [MANIFEST_NAME]: JSON.stringify(manifest), [output.file]: fake, ...others }))).toMatch(
      /does not match its checksum/,
    );

    expect((await target.service.history({ limit: 10 })).items).toEqual([]);
    expect(await target.stores.blobs.listPrefixes()).toEqual([]);
  });

  it("removes the images it wrote when storing the rows fails", async () => {
    const source = await someHistory();
    const file = await exportToFile(source);
    const target = playground();
    // A real repo whose database is closed: the transaction fails after the images are written.
    const closed = openDatabase(path.join(tempDir(), "closed.sqlite"));
    closed.close();
    const limits = {
      maxEntries: 100,
      maxImageBytes: 20_000_000,
      maxManifestBytes: 1_000_000,
      maxManifestDepth: 16,
      maxRuns: 2_000,
      maxTotalBytes: 500_000_000,
      maxSweepCells: 64,
      sliceMs: 10,
    };
    const deps = { ...target.stores, inputImages: target.inputs, archive: new SqliteArchiveRepo(closed) };
    await expect(importArchive(deps, file, limits)).rejects.toThrow(/not open/);
    expect(await target.stores.blobs.listPrefixes()).toEqual([]);
    expect((await target.service.history({ limit: 10 })).items).toEqual([]);
  });
});
