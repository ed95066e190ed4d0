import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { ArchiveRepo } from "../db/archive-repo";
import type { PredictionRepo } from "../db/prediction-repo";
import type { SweepRepo } from "../db/sweep-repo";
import { DEFAULT_PREDICTION_OPTIONS, type EngineInput, type InputImage, type PredictionRecord } from "../domain";
import { AppError } from "../errors";
import type { DecodedImage } from "../inputs/decode-image";
import type { InputImages } from "../inputs/input-images";
import type { BlobStore } from "../storage/blob-store";
import { extensionFor } from "../storage/content-types";
import {
  IMAGE_ENTRY,
  INPUT_ENTRY,
  MANIFEST_NAME,
  type Manifest,
  type ManifestInput,
  type ManifestRun,
  parseManifest,
} from "./manifest";
import { openZip, ZipReadError, type ZipReader } from "./zip-reader";

export type ImportLimits = {
  maxEntries: number;
  maxImageBytes: number;
  maxManifestBytes: number;
  /** All entries unpacked together: images hardly compress, so far more than the file means a zip bomb. */
  maxTotalBytes: number;
};
export type ImportDeps = {
  repo: PredictionRepo;
  sweeps: SweepRepo;
  archive: ArchiveRepo;
  blobs: BlobStore;
  inputImages: InputImages;
};
export type ImportResult = { predictions: { imported: number; skipped: number }; sweeps: { imported: number; skipped: number } };

const refused = (message: string) => new AppError("invalid_request", `${message} Nothing was imported.`, "file");

/** What sharp calls each stored type. */
const SHARP_FORMATS: Record<string, string[]> = {
  "image/jpeg": ["jpeg"],
  "image/png": ["png"],
  "image/webp": ["webp"],
  "image/gif": ["gif"],
  "image/avif": ["heif", "avif"],
};

/**
 * Imports an export zip: the whole file is checked first (entries, manifest, every image), then
 * the images of runs not already here are written, then every row in one transaction. Runs and
 * sweeps already present are skipped. Any failure removes what was written: nothing partial stays.
 */
export async function importArchive(deps: ImportDeps, file: string, limits: ImportLimits): Promise<ImportResult> {
  const zip = await openZip(file, limits.maxEntries).catch((error: unknown) => {
    if (!(error instanceof ZipReadError)) throw error;
    if (/invalid relative path|absolute path|invalid characters/.test(error.message))
      throw refused(`The zip has an entry that would land outside its folder (${error.message}).`);
    throw refused(`The file is not a readable zip: ${error.message}.`);
  });
  try {
    const total = [...zip.entries.values()].reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (total > limits.maxTotalBytes) throw refused(`The zip unpacks to ${total} bytes, far more than an export of images does.`);
    const manifest = await readManifest(zip, limits);
    checkEntries(zip, manifest);
    await checkImages(zip, manifest, limits);
    return await store(deps, zip, manifest, limits);
  } catch (error) {
    if (error instanceof ZipReadError) throw refused(`The zip is damaged: ${error.message}.`);
    throw error;
  } finally {
    zip.close();
  }
}

async function readManifest(zip: ZipReader, limits: ImportLimits): Promise<Manifest> {
  const entry = zip.entries.get(MANIFEST_NAME);
  if (!entry) throw refused(`The zip has no ${MANIFEST_NAME}: it is not an export of this playground.`);
  let json: unknown;
  try {
    json = JSON.parse((await zip.read(entry, limits.maxManifestBytes)).toString("utf8"));
  } catch (error) {
    if (error instanceof ZipReadError) throw error;
    throw refused(`${MANIFEST_NAME} is not valid JSON.`);
  }
  const parsed = parseManifest(json);
  if ("problem" in parsed)
    throw refused(`${MANIFEST_NAME} is not a valid export manifest: ${parsed.problem.path}: ${parsed.problem.message}.`);
  return parsed.manifest;
}

/** Every image the manifest names is in the zip, where it should be; nothing else is. */
function checkEntries(zip: ZipReader, manifest: Manifest): void {
  const named = new Set<string>([MANIFEST_NAME]);
  const inputs = new Set<string>();
  for (const input of manifest.inputs) {
    const match = INPUT_ENTRY.exec(input.file);
    if (!match || match[1] !== input.sha256 || match[2] !== extensionFor(input.contentType))
      throw refused(`The input picture ${input.file} is not named inputs/${input.sha256}.<its type>.`);
    if (inputs.has(input.sha256)) throw refused(`${MANIFEST_NAME} lists the input picture ${input.sha256} twice.`);
    inputs.add(input.sha256);
    const entry = zip.entries.get(input.file);
    if (!entry) throw refused(`The input picture ${input.file} is missing from the zip.`);
    if (entry.uncompressedSize !== input.bytes)
      throw refused(`The input picture ${input.file} is not the size the manifest says.`);
    named.add(input.file);
  }
  const editsOf = (id: string, input: Manifest["predictions"][number]["input"]) => {
    for (const sha of "edit" in input ? input.edit.images : [])
      if (!inputs.has(sha)) throw refused(`${id} edits the picture ${sha}, which the manifest does not list.`);
  };
  for (const sweep of manifest.sweeps) editsOf(`The sweep ${sweep.id}`, sweep.base);
  const runIds = new Set<string>();
  const sweeps = new Map(manifest.sweeps.map((sweep) => [sweep.id, sweep]));
  if (sweeps.size !== manifest.sweeps.length) throw refused(`${MANIFEST_NAME} lists a sweep twice.`);
  for (const run of manifest.predictions) {
    if (runIds.has(run.id)) throw refused(`${MANIFEST_NAME} lists the run ${run.id} twice.`);
    runIds.add(run.id);
    editsOf(`The run ${run.id}`, run.input);
    if (run.sweep) {
      const sweep = sweeps.get(run.sweep.id);
      if (!sweep) throw refused(`The run ${run.id} is a cell of the sweep ${run.sweep.id}, which the manifest does not list.`);
      if (run.sweep.x >= sweep.x.values.length || run.sweep.y >= (sweep.y?.values.length ?? 1))
        throw refused(`The run ${run.id} sits outside its sweep's grid.`);
    }
    const indexes = new Set<number>();
    for (const output of run.outputs) {
      const match = IMAGE_ENTRY.exec(output.file);
      if (!match || match[1] !== run.id || Number(match[2]) !== output.index || match[3] !== extensionFor(output.contentType))
        throw refused(`The image ${output.file} of the run ${run.id} is not named images/${run.id}/${output.index}.<its type>.`);
      if (indexes.has(output.index)) throw refused(`The run ${run.id} lists image ${output.index} twice.`);
      indexes.add(output.index);
      const entry = zip.entries.get(output.file);
      if (!entry) throw refused(`The image ${output.file} is missing from the zip.`);
      if (entry.uncompressedSize !== output.bytes) throw refused(`The image ${output.file} is not the size the manifest says.`);
      named.add(output.file);
    }
  }
  for (const name of zip.entries.keys()) {
    if (/^(images\/([A-Za-z0-9_-]{1,64}\/)?|inputs\/)$/.test(name)) continue;
    if (!named.has(name)) throw refused(`The zip holds ${name}, which the manifest does not list.`);
  }
}

/** Each image is whole (its SHA-256) and really an image of the type and size the manifest says. */
async function checkImages(zip: ZipReader, manifest: Manifest, limits: ImportLimits): Promise<void> {
  const files = [...manifest.predictions.flatMap((run) => run.outputs), ...manifest.inputs];
  for (const image of files) {
    const bytes = await zip.read(zip.entries.get(image.file)!, limits.maxImageBytes);
    if (createHash("sha256").update(bytes).digest("hex") !== image.sha256)
      throw refused(`The image ${image.file} does not match its checksum: the zip is damaged.`);
    const meta = await sharp(bytes)
      .metadata()
      .catch(() => undefined);
    if (!meta?.format || !SHARP_FORMATS[image.contentType]?.includes(meta.format))
      throw refused(`${image.file} is not a readable ${image.contentType} image.`);
    if (meta.width !== image.width || meta.height !== image.height)
      throw refused(
        `${image.file} is ${meta.width} × ${meta.height}, not the ${image.width} × ${image.height} the manifest says.`,
      );
  }
}

async function store(deps: ImportDeps, zip: ZipReader, manifest: Manifest, limits: ImportLimits): Promise<ImportResult> {
  const [presentRuns, presentSweeps] = await Promise.all([
    deps.repo.existingIds(manifest.predictions.map((run) => run.id)),
    deps.sweeps.existingIds(manifest.sweeps.map((sweep) => sweep.id)),
  ]);
  const runs = manifest.predictions.filter((run) => !presentRuns.has(run.id));
  const sweeps = manifest.sweeps.filter((sweep) => !presentSweeps.has(sweep.id));
  const inputs = new Map(manifest.inputs.map((input) => [input.sha256, input]));
  // The pictures the new runs and sweeps edit, stored by content (one already here is kept as it is).
  const needed = new Set([...runs.map((run) => run.input), ...sweeps.map((sweep) => sweep.base)].flatMap(hashesOf));
  const pictures: DecodedImage[] = [];
  for (const sha of needed) {
    const { file: _file, ...image } = inputs.get(sha)!;
    pictures.push({ ...image, data: await zip.read(zip.entries.get(inputs.get(sha)!.file)!, limits.maxImageBytes) });
  }
  const written: string[] = [];
  // Pinned while the rows are written; pictures the rows did not come to name are removed again.
  return deps.inputImages.keep(pictures, async () => {
    try {
      for (const run of runs) {
        written.push(run.id);
        for (const output of run.outputs) {
          const bytes = await zip.read(zip.entries.get(output.file)!, limits.maxImageBytes);
          await deps.blobs.put(storageKey(run, output), bytes, output.contentType);
        }
      }
      const result = await deps.archive.importRows({
        sweeps: sweeps.map((sweep) => ({ ...sweep, base: engineInput(sweep.base, inputs) })),
        predictions: runs.map((run) => toRecord(run, inputs)),
      });
      return {
        predictions: { imported: result.predictions.length, skipped: manifest.predictions.length - result.predictions.length },
        sweeps: { imported: result.sweeps.length, skipped: manifest.sweeps.length - result.sweeps.length },
      };
    } catch (error) {
      await Promise.allSettled(written.map((id) => deps.blobs.deletePrefix(id)));
      throw error;
    }
  });
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
