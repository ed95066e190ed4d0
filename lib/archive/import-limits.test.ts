import fs from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterEach, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { ZipFile } from "yazl";
import { createLocalEngine } from "@/lib/engines/local";
import { isAppError } from "@/lib/errors";
import { createTestPredictions, submitBody, tempDir, waitForTerminal } from "@/testing/harness";
import { pngBomb } from "@/testing/images";
import { MANIFEST_NAME, type Manifest } from "./manifest";
import { parseJsonInSlices } from "./manifest-json";
import { TimeSlices } from "./time-slices";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function playground() {
  const made = createTestPredictions(createLocalEngine(), { maxSweepCells: 64 });
  cleanups.push(() => made.service.close());
  return made;
}

/** An export of one run and a two-cell sweep, as its entries (the manifest parsed). */
async function exported(): Promise<{ manifest: Manifest; files: Map<string, Buffer> }> {
  const source = playground();
  await waitForTerminal(source.service, (await submitBody(source.service, { prompt: "a harbour" })).id);
  const { cells } = await source.sweeps.create({ base: { prompt: "a mill" }, x: { field: "seed", values: [1, 2] } });
  await Promise.all(cells.map((cell) => waitForTerminal(source.service, cell.id)));
  const file = path.join(tempDir(), "export.zip");
  fs.writeFileSync(file, await buffer(await source.archive.export({ kind: "all" }, {})));
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) =>
      zip.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        files.set(entry.fileName, await buffer(stream));
        zip.readEntry();
      }),
    );
    zip.on("end", () => resolve());
    zip.readEntry();
  });
  const manifest = JSON.parse(files.get(MANIFEST_NAME)!.toString("utf8")) as Manifest;
  return { manifest, files };
}

/** A zip of these entries; the manifest given as an object or as its text. */
async function zipOf(files: Map<string, Buffer>, manifest: Manifest | string): Promise<string> {
  const zip = new ZipFile();
  for (const [name, bytes] of files) if (name !== MANIFEST_NAME) zip.addBuffer(bytes, name);
  zip.addBuffer(Buffer.from(typeof manifest === "string" ? manifest : JSON.stringify(manifest)), MANIFEST_NAME);
  zip.end();
  const file = path.join(tempDir(), "crafted.zip");
  fs.writeFileSync(file, await buffer(zip.outputStream as unknown as import("node:stream").Readable));
  return file;
}

/** Imports into a fresh playground: the refusal's status and message, and that nothing was stored. */
async function refusalOf(file: string) {
  const target = playground();
  const error = await target.archive.import(file).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  expect((await target.service.history({ limit: 10 })).items).toEqual([]);
  expect(await target.stores.blobs.listPrefixes()).toEqual([]);
  return { status: error.status, field: error.field, message: error.message };
}

const values = (count: number) => Array.from({ length: count }, (_, index) => 1 + index / 1000);

describe("an import applies the limits a submit, an upload and a sweep apply", () => {
  it("refuses a sweep past SWEEP_MAX_CELLS, counted as its grid is built", async () => {
    const { manifest, files } = await exported();
    const [sweep] = manifest.sweeps;
    const axis = (field: "seed" | "guidance_scale") => ({
      field,
      values: values(1000).map((value) => (field === "seed" ? Math.round(value * 1000) : value)),
      labels: values(1000).map(String),
    });
    const huge = { ...manifest, sweeps: [{ ...sweep, x: axis("seed"), y: { ...axis("guidance_scale") } }] };
    expect(await refusalOf(await zipOf(files, huge))).toEqual({
      status: 400,
      field: "file",
      message: `The sweep ${sweep.id} has 1000000 cells; at most 64 are allowed here (SWEEP_MAX_CELLS). Nothing was imported.`,
    });
  });

  it("refuses a prompt or a note longer than a submit or an annotation may be", async () => {
    const { manifest, files } = await exported();
    const [run, ...others] = manifest.predictions;
    const long = { ...manifest, predictions: [{ ...run, input: { ...run.input, prompt: "a".repeat(20_000) } }, ...others] };
    expect((await refusalOf(await zipOf(files, long))).message).toMatch(
      /^manifest\.json is not a valid export manifest: predictions\.0\.input\.prompt: prompt must be at most 2000 characters/,
    );
    const noted = { ...manifest, predictions: [{ ...run, note: "n".repeat(2001) }, ...others] };
    expect((await refusalOf(await zipOf(files, noted))).message).toBe(
      "manifest.json is not a valid export manifest: predictions.0.note: must be at most 2000 characters. Nothing was imported.",
    );
  });

  it("refuses a picture over 40 megapixels as an upload does (413), however small its file", async () => {
    const { manifest, files } = await exported();
    const [run, ...others] = manifest.predictions;
    const bomb = pngBomb(16_000, 16_000);
    const { createHash } = await import("node:crypto");
    const output = {
      ...run.outputs[0],
      file: `images/${run.id}/0.png`,
      contentType: "image/png",
      width: 16_000,
      height: 16_000,
      bytes: bomb.length,
      sha256: createHash("sha256").update(bomb).digest("hex"),
    };
    const withBomb = new Map([...files].filter(([name]) => name !== run.outputs[0].file));
    withBomb.set(output.file, bomb);
    const manifestWithBomb = { ...manifest, predictions: [{ ...run, outputs: [output] }, ...others] };
    expect(bomb.length).toBeLessThan(100_000);
    expect(await refusalOf(await zipOf(withBomb, manifestWithBomb))).toEqual({
      status: 413,
      field: "file",
      message: `${output.file}: the image is 16000 × 16000 pixels; at most 40 megapixels are accepted. Nothing was imported.`,
    });
  });

  it("refuses a picture past an upload's 20 MB, whether the manifest admits its size or hides it", async () => {
    const { manifest, files } = await exported();
    const [run, ...others] = manifest.predictions;
    const output = run.outputs[0];
    // Zeros after the picture: a few kilobytes in the zip, over 20 MB once unpacked.
    const padded = Buffer.concat([files.get(output.file)!, Buffer.alloc(20 * 1024 * 1024)]);
    const withPadded = new Map([...files, [output.file, padded]]);
    const admitted = { ...manifest, predictions: [{ ...run, outputs: [{ ...output, bytes: padded.length }] }, ...others] };
    expect(await refusalOf(await zipOf(withPadded, admitted))).toEqual({
      status: 413,
      field: "file",
      message: `${output.file}: the image is 20.1 MB; at most 20 MB is accepted. Nothing was imported.`,
    });
    expect(await refusalOf(await zipOf(withPadded, manifest))).toEqual({
      status: 400,
      field: "file",
      message: `The image ${output.file} is not the size the manifest says. Nothing was imported.`,
    });
  });

  it("refuses a manifest past 16 MB (413) before reading it, and one nested deeper than an export nests", async () => {
    const { manifest, files } = await exported();
    const padded = JSON.stringify(manifest).replace(/^\{/, `{${" ".repeat(17 * 1024 * 1024)}`);
    expect(await refusalOf(await zipOf(files, padded))).toEqual({
      status: 413,
      field: "file",
      message:
        "manifest.json is 17 MB; at most 16 MB is read. Export fewer runs at a time (a thread, a sweep or a history filter). Nothing was imported.",
    });
    // Two million levels in a few kilobytes of zip.
    const nested = `{"scope":{"query":${"[".repeat(2_000_000)}${"]".repeat(2_000_000)}}}`;
    expect(await refusalOf(await zipOf(files, nested))).toEqual({
      status: 400,
      field: "file",
      message: "manifest.json nests deeper than 16 levels. Nothing was imported.",
    });
  });

  it("refuses more runs than one import stores (413), however small each", async () => {
    const { manifest, files } = await exported();
    const failed = manifest.predictions.find((run) => !run.sweep)!;
    const runs = Array.from({ length: 2_001 }, (_, index) => ({
      ...failed,
      id: `many${index}`,
      threadId: `many${index}`,
      outputs: [],
    }));
    const imagesLeft = new Map([...files].filter(([name]) => !name.startsWith("images/")));
    expect(await refusalOf(await zipOf(imagesLeft, { ...manifest, sweeps: [], predictions: runs }))).toEqual({
      status: 413,
      field: "file",
      message:
        "The zip holds 2001 runs; at most 2000 are imported at a time. Export fewer runs at a time (a thread, a sweep or a history filter). Nothing was imported.",
    });
  });
});

describe("reading a manifest in slices of time", () => {
  it("gives the event loop turns while it parses and checks, and reads what JSON.parse reads", async () => {
    const { manifest } = await exported();
    const big = {
      ...manifest,
      scope: { kind: "all", query: Object.fromEntries(values(5000).map((v) => [`k${v}`, "x".repeat(50)])) },
    };
    const text = JSON.stringify(big);
    const slices = new TimeSlices(0);
    expect(await parseJsonInSlices(Buffer.from(text), 16, slices)).toEqual(JSON.parse(text));
    expect(slices.turns).toBeGreaterThanOrEqual(Math.floor(text.length / (16 * 1024)));
  });

  it("says where JSON breaks, and refuses anything after the document", async () => {
    const slices = new TimeSlices(10);
    await expect(parseJsonInSlices(Buffer.from('{"a": tru}'), 16, slices)).rejects.toThrow("is not valid JSON (at byte 9)");
    await expect(parseJsonInSlices(Buffer.from('{"a": 1} {}'), 16, slices)).rejects.toThrow(/is not valid JSON/);
    await expect(parseJsonInSlices(Buffer.from('{"a": [1, 2'), 16, slices)).rejects.toThrow(/is not valid JSON/);
    expect(await parseJsonInSlices(Buffer.from('{"__proto__": {"x": 1}}'), 16, slices)).toEqual(
      JSON.parse('{"__proto__": {"x": 1}}'),
    );
  });
});
