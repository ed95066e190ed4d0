import "server-only";
import { createHash } from "node:crypto";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { ZipFile } from "yazl";
import type { PredictionRepo } from "../db/prediction-repo";
import type { SweepRepo } from "../db/sweep-repo";
import {
  type EngineInput,
  type HistoryQuery,
  type InputImage,
  inputFileName,
  isTerminal,
  type PredictionRecord,
  type SweepRecord,
} from "../domain";
import type { BlobStore } from "../storage/blob-store";
import { extensionFor } from "../storage/content-types";
import {
  imageEntryName,
  inputEntryName,
  MANIFEST_FORMAT,
  MANIFEST_NAME,
  MANIFEST_VERSION,
  type Manifest,
  type ManifestInput,
  type ManifestRun,
} from "./manifest";

export type ExportScope =
  | { kind: "all" }
  | { kind: "thread"; threadId: string }
  | { kind: "sweep"; sweepId: string }
  | { kind: "filter"; query: Omit<HistoryQuery, "limit" | "cursor"> };

export type ExportDeps = { repo: PredictionRepo; sweeps: SweepRepo; blobs: BlobStore; inputBlobs: BlobStore };

/** A run's or a sweep's input as the manifest has it: an edit's pictures by hash. */
export const manifestInput = ({ edit, ...input }: EngineInput) =>
  (edit ? { ...input, edit: { ...edit, images: edit.images.map((image) => image.sha256) } } : input) as ManifestRun["input"];

const PAGE = 100;

/** The finished runs a scope covers, newest first; runs still going are left for a later export. */
async function runsIn(repo: PredictionRepo, scope: ExportScope): Promise<PredictionRecord[]> {
  const query: Omit<HistoryQuery, "limit" | "cursor"> =
    scope.kind === "thread"
      ? { threadId: scope.threadId }
      : scope.kind === "sweep"
        ? { sweepId: scope.sweepId }
        : scope.kind === "filter"
          ? scope.query
          : {};
  const runs: PredictionRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.list({ ...query, limit: PAGE, cursor });
    runs.push(...page.items.filter((record) => isTerminal(record.status)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return runs;
}

type Digest = { sha256: string; bytes: number };

/**
 * A zip of the scope, streamed as it is written: each image as stored (not compressed again),
 * then `manifest.json`, last, once every image's SHA-256 is known. An image missing from
 * storage is left out of both.
 */
export async function exportArchive(deps: ExportDeps, scope: ExportScope, scopeQuery: Record<string, string>): Promise<Readable> {
  const runs = await runsIn(deps.repo, scope);
  const sweepIds = new Set(runs.flatMap((run) => (run.sweep ? [run.sweep.id] : [])));
  if (scope.kind === "sweep") sweepIds.add(scope.sweepId);
  const sweeps = (await Promise.all([...sweepIds].map((id) => deps.sweeps.get(id)))).filter(
    (sweep): sweep is SweepRecord => sweep !== undefined,
  );

  const zip = new ZipFile();
  const digests: Array<Promise<Digest>> = [];
  // Each input picture once, however many runs (and sweeps) edit it.
  const inputs = new Map<string, InputImage>();
  for (const image of [...runs, ...sweeps.map((sweep) => ({ input: sweep.base }))].flatMap((run) => run.input.edit?.images ?? []))
    inputs.set(image.sha256, image);
  const manifestInputs: ManifestInput[] = [];
  for (const image of inputs.values()) {
    const key = `${image.sha256}/${inputFileName(image)}`;
    if (!(await deps.inputBlobs.head(key))) continue;
    const name = inputEntryName(inputFileName(image));
    digests.push(addImage(zip, deps.inputBlobs, key, name, new Date(0)));
    manifestInputs.push({ ...image, file: name });
  }
  const manifestRuns: Array<
    Omit<ManifestRun, "outputs"> & {
      outputs: Array<Omit<ManifestRun["outputs"][number], "sha256"> & { digest: Promise<Digest> }>;
    }
  > = [];
  for (const run of runs) {
    const outputs = [];
    for (const output of run.outputs) {
      if (!(await deps.blobs.head(output.file))) continue;
      const name = imageEntryName(run.id, output.index, extensionFor(output.contentType));
      const digest = addImage(zip, deps.blobs, output.file, name, new Date(run.completedAt ?? run.createdAt));
      digests.push(digest);
      const { sourceUrl: _source, file: _file, ...kept } = output;
      outputs.push({ ...kept, file: name, digest });
    }
    const { upstreamId: _upstream, submitState: _state, options: _options, ...kept } = run;
    manifestRuns.push({ ...kept, input: manifestInput(run.input), status: run.status as ManifestRun["status"], outputs });
  }

  void Promise.all(digests).then(
    async () => {
      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        version: MANIFEST_VERSION,
        exportedAt: new Date().toISOString(),
        scope: { kind: scope.kind, query: scopeQuery },
        sweeps: sweeps.map((sweep) => ({ ...sweep, base: manifestInput(sweep.base) })),
        predictions: await Promise.all(
          manifestRuns.map(async (run) => ({
            ...run,
            outputs: await Promise.all(
              run.outputs.map(async ({ digest, ...output }) => ({
                ...output,
                sha256: (await digest).sha256,
                bytes: (await digest).bytes,
              })),
            ),
          })),
        ),
        inputs: manifestInputs,
      };
      zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST_NAME);
      zip.end();
    },
    (error: unknown) => (zip.outputStream as Readable).destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return zip.outputStream as Readable;
}

/** Adds one stored image, read only when the zip reaches it; resolves with its digest once written. */
function addImage(zip: ZipFile, blobs: BlobStore, key: string, name: string, mtime: Date): Promise<Digest> {
  return new Promise<Digest>((resolve, reject) => {
    zip.addReadStreamLazy(name, { compress: false, mtime }, (callback) => {
      blobs.get(key).then((blob) => {
        if (!blob) {
          const error = new Error(`the image ${key} went missing during the export`);
          reject(error);
          return callback(error, Readable.from([]));
        }
        const hash = createHash("sha256");
        let bytes = 0;
        const tap = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            bytes += chunk.length;
            done(null, chunk);
          },
          flush(done) {
            resolve({ sha256: hash.digest("hex"), bytes });
            done();
          },
        });
        callback(null, Readable.fromWeb(blob.body as WebReadableStream<Uint8Array>).pipe(tap));
      }, reject);
    });
  });
}
