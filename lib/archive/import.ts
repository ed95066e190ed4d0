import "server-only";
import type { ArchiveRepo } from "../db/archive-repo";
import type { PredictionRepo } from "../db/prediction-repo";
import type { SweepRepo } from "../db/sweep-repo";
import { DEFAULT_PREDICTION_OPTIONS, type EngineInput, type InputImage, type PredictionRecord } from "../domain";
import { type DecodedImage, megabytes } from "../inputs/decode-image";
import type { InputImages } from "../inputs/input-images";
import type { BlobStore } from "../storage/blob-store";
import { extensionFor } from "../storage/content-types";
import { checkEntries, checkImages, checkSweeps, refused } from "./import-checks";
import { MANIFEST_NAME, type Manifest, type ManifestInput, type ManifestRun, parseManifest } from "./manifest";
import { ManifestJsonError, parseJsonInSlices } from "./manifest-json";
import { TimeSlices } from "./time-slices";
import { openZip, ZipReadError, type ZipReader } from "./zip-reader";

export type ImportLimits = {
  maxEntries: number;
  /** MAX_INPUT_BYTES: no picture larger, as for an upload. */
  maxImageBytes: number;
  maxManifestBytes: number;
  /** Runs one import stores: they go in one transaction, which on SQLite holds the event loop while it runs. */
  maxRuns: number;
  /** How deep the manifest's JSON may nest: an export nests a handful of levels. */
  maxManifestDepth: number;
  /** All entries unpacked together: images hardly compress, so far more than the file means a zip bomb. */
  maxTotalBytes: number;
  /** SWEEP_MAX_CELLS: no sweep larger than a new one may be. */
  maxSweepCells: number;
  /** The longest the import holds the event loop at a stretch while it reads the manifest. */
  sliceMs: number;
};
export type ImportDeps = {
  repo: PredictionRepo;
  sweeps: SweepRepo;
  archive: ArchiveRepo;
  blobs: BlobStore;
  inputImages: InputImages;
};
export type ImportResult = { predictions: { imported: number; skipped: number }; sweeps: { imported: number; skipped: number } };

/**
 * Imports an export zip: the whole file is checked first (entries, the manifest read in slices of
 * time, every limit a submit, upload or sweep applies, every image), then the runs not already here
 * are stored with their images, all or nothing (ArchiveRepo). A refusal is a 400, or a 413 for a
 * size limit, that names the limit; nothing partial stays.
 */
export async function importArchive(deps: ImportDeps, file: string, limits: ImportLimits): Promise<ImportResult> {
  const zip = await openZip(file, limits.maxEntries).catch((error: unknown) => {
    throw error instanceof ZipReadError ? refused(error.message) : error;
  });
  try {
    const total = [...zip.entries.values()].reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (total > limits.maxTotalBytes)
      throw refused(`The zip unpacks to ${megabytes(total)}, far more than an export of images does.`, "payload_too_large");
    const slices = new TimeSlices(limits.sliceMs);
    const manifest = await readManifest(zip, limits, slices);
    checkEntries(zip, manifest);
    checkSweeps(manifest, limits.maxSweepCells);
    await checkImages(zip, manifest, limits.maxImageBytes, slices);
    return await store(deps, zip, manifest, limits);
  } catch (error) {
    if (error instanceof ZipReadError) throw refused(error.message);
    throw error;
  } finally {
    zip.close();
  }
}

async function readManifest(zip: ZipReader, limits: ImportLimits, slices: TimeSlices): Promise<Manifest> {
  const entry = zip.entries.get(MANIFEST_NAME);
  if (!entry) throw refused(`The zip has no ${MANIFEST_NAME}: it is not an export of this playground.`);
  if (entry.uncompressedSize > limits.maxManifestBytes)
    throw refused(
      `${MANIFEST_NAME} is ${megabytes(entry.uncompressedSize)}; at most ${megabytes(limits.maxManifestBytes)} is read. Export fewer runs at a time (a thread, a sweep or a history filter).`,
      "payload_too_large",
    );
  const bytes = await zip.read(entry, limits.maxManifestBytes);
  let json: unknown;
  try {
    json = await parseJsonInSlices(bytes, limits.maxManifestDepth, slices);
  } catch (error) {
    if (error instanceof ManifestJsonError) throw refused(`${MANIFEST_NAME} ${error.message}.`);
    throw error;
  }
  const parsed = await parseManifest(json, slices);
  if ("problem" in parsed)
    throw refused(`${MANIFEST_NAME} is not a valid export manifest: ${parsed.problem.path}: ${parsed.problem.message}.`);
  const runs = parsed.manifest.predictions.length;
  if (runs > limits.maxRuns)
    throw refused(
      `The zip holds ${runs} runs; at most ${limits.maxRuns} are imported at a time. Export fewer runs at a time (a thread, a sweep or a history filter).`,
      "payload_too_large",
    );
  return parsed.manifest;
}

async function store(deps: ImportDeps, zip: ZipReader, manifest: Manifest, limits: ImportLimits): Promise<ImportResult> {
  const [presentRuns, presentSweeps] = await Promise.all([
    deps.repo.existingIds(manifest.predictions.map((run) => run.id)),
    deps.sweeps.existingIds(manifest.sweeps.map((sweep) => sweep.id)),
  ]);
  const sweeps = manifest.sweeps.filter((sweep) => !presentSweeps.has(sweep.id));
  const fresh = manifest.predictions.filter((run) => !presentRuns.has(run.id));
  const runs = new Map(fresh.map((run) => [run.id, run]));
  const inputs = new Map(manifest.inputs.map((input) => [input.sha256, input]));
  // The pictures new runs and sweeps edit, stored by content (one already here is kept as it is).
  const needed = new Set([...fresh.map((run) => run.input), ...sweeps.map((sweep) => sweep.base)].flatMap(hashesOf));
  const pictures: DecodedImage[] = [];
  for (const sha of needed) {
    const { file, ...image } = inputs.get(sha)!;
    pictures.push({ ...image, data: await zip.read(zip.entries.get(file)!, limits.maxImageBytes) });
  }
  // The repo says which runs this import adds, and holds their ids while their images are written.
  const files = {
    write: async (ids: string[]) => {
      const written: string[] = [];
      try {
        for (const id of ids) {
          written.push(id);
          for (const output of runs.get(id)!.outputs) {
            const bytes = await zip.read(zip.entries.get(output.file)!, limits.maxImageBytes);
            await deps.blobs.put(storageKey(runs.get(id)!, output), bytes, output.contentType);
          }
        }
      } catch (error) {
        await files.remove(written);
        throw error;
      }
    },
    remove: async (ids: string[]) => void (await Promise.allSettled(ids.map((id) => deps.blobs.deletePrefix(id)))),
  };
  // Pinned while the rows are written; pictures the rows did not come to name are removed again.
  const result = await deps.inputImages.keep(pictures, () =>
    deps.archive.importRows(
      {
        sweeps: sweeps.map((sweep) => ({ ...sweep, base: engineInput(sweep.base, inputs) })),
        // Runs found present just now are left out; the repo decides again, holding the ids it adds.
        predictions: fresh.map((run) => toRecord(run, inputs)),
      },
      files,
    ),
  );
  return {
    predictions: { imported: result.predictions.length, skipped: manifest.predictions.length - result.predictions.length },
    sweeps: { imported: result.sweeps.length, skipped: manifest.sweeps.length - result.sweeps.length },
  };
}

const hashesOf = (input: ManifestRun["input"]) => ("edit" in input ? input.edit.images : []);

/** A manifest input as a run's: an edit's hashes become the pictures' descriptions. */
function engineInput(input: ManifestRun["input"], inputs: Map<string, ManifestInput>): EngineInput {
  if (!("edit" in input)) return input;
  const images = input.edit.images.map((sha): InputImage => {
    const { file: _file, ...image } = inputs.get(sha)!;
    return image;
  });
  return { ...input, edit: { ...input.edit, images } };
}

const storageKey = (run: ManifestRun, output: ManifestRun["outputs"][number]) =>
  `${run.id}/${output.index}.${extensionFor(output.contentType)}`;

function toRecord(run: ManifestRun, inputs: Map<string, ManifestInput>): PredictionRecord {
  return {
    ...run,
    input: engineInput(run.input, inputs),
    upstreamId: null,
    submitState: "submitted",
    // The served contract's answer options belong to the request that made a run, not to the run.
    options: DEFAULT_PREDICTION_OPTIONS,
    source: run.source ?? null,
    outputs: run.outputs.map((output) => ({
      index: output.index,
      file: storageKey(run, output),
      contentType: output.contentType,
      width: output.width,
      height: output.height,
      bytes: output.bytes,
      nsfw: output.nsfw,
      sourceUrl: null,
      starred: output.starred,
    })),
  };
}
