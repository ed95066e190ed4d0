import "server-only";
import { createHash } from "node:crypto";
import { sweepCells } from "../domain";
import { AppError, isAppError } from "../errors";
import { checkImage, tooManyBytes } from "../inputs/decode-image";
import { extensionFor } from "../storage/content-types";
import { IMAGE_ENTRY, INPUT_ENTRY, MANIFEST_NAME, type Manifest } from "./manifest";
import type { TimeSlices } from "./time-slices";
import type { ZipReader } from "./zip-reader";

/** A refusal of the whole file: 400 unless a limit says otherwise; nothing is stored before every check has passed. */
export const refused = (message: string, code: "invalid_request" | "payload_too_large" = "invalid_request") =>
  new AppError(code, `${message} Nothing was imported.`, "file");

/** What sharp calls each stored type. */
const SHARP_FORMATS: Record<string, string[]> = {
  "image/jpeg": ["jpeg"],
  "image/png": ["png"],
  "image/webp": ["webp"],
  "image/gif": ["gif"],
  "image/avif": ["heif", "avif"],
};

/** Every image the manifest names is in the zip, where it should be; nothing else is. */
export function checkEntries(zip: ZipReader, manifest: Manifest): void {
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

/** No sweep larger than a new one may be (SWEEP_MAX_CELLS), counted as its grid is built. */
export function checkSweeps(manifest: Manifest, maxCells: number): void {
  for (const sweep of manifest.sweeps) {
    const cells = sweepCells(sweep);
    if (cells > maxCells)
      throw refused(`The sweep ${sweep.id} has ${cells} cells; at most ${maxCells} are allowed here (SWEEP_MAX_CELLS).`);
  }
}

/**
 * Each image passes the upload's own check (checkImage: bytes, pixels with sharp's limitInputPixels,
 * decoded whole), is of the type and size the manifest says, and is whole (its SHA-256).
 */
export async function checkImages(zip: ZipReader, manifest: Manifest, maxBytes: number, slices: TimeSlices): Promise<void> {
  const files = [...manifest.predictions.flatMap((run) => run.outputs), ...manifest.inputs];
  for (const image of files) {
    const entry = zip.entries.get(image.file)!;
    if (entry.uncompressedSize > maxBytes) throw limitRefusal(tooManyBytes(image.file, entry.uncompressedSize));
    const bytes = await zip.read(entry, maxBytes);
    if (createHash("sha256").update(bytes).digest("hex") !== image.sha256)
      throw refused(`The image ${image.file} does not match its checksum: the zip is damaged.`);
    const meta = await checkImage(bytes, image.file, SHARP_FORMATS[image.contentType] ?? []).catch((error: unknown) => {
      if (isAppError(error) && error.code === "payload_too_large") throw limitRefusal(error);
      if (isAppError(error)) throw refused(`${image.file} is not a readable ${image.contentType} image.`);
      throw error;
    });
    // An EXIF orientation of 5 to 8 turns the picture a quarter: its shape may be written either way round.
    const turned = (meta.orientation ?? 1) >= 5 && meta.width === image.height && meta.height === image.width;
    if (!turned && (meta.width !== image.width || meta.height !== image.height))
      throw refused(
        `${image.file} is ${meta.width} × ${meta.height}, not the ${image.width} × ${image.height} the manifest says.`,
      );
    await slices.turnIfDue();
  }
}

/** An upload limit's refusal, said of the import: 413, the file named. */
const limitRefusal = (error: AppError) => refused(error.message, "payload_too_large");
