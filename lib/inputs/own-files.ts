import "server-only";
import type { PredictionRepo } from "../db/prediction-repo";
import { type BlobStore, readBlob } from "../storage/blob-store";
import type { OwnFileReader } from "./image-refs";
import type { InputImages } from "./input-images";
import type { MediaUploads } from "./media-uploads";

/** The paths of this server's own pictures, as its links name them. */
const OUTPUT = /^\/api\/images\/([A-Za-z0-9_-]{1,64})\/(\d+)\.[a-z0-9]+$/;
const INPUT = /^\/api\/inputs\/([0-9a-f]{64})\.[a-z0-9]+$/;
const UPLOAD = /^\/api\/uploads\/([0-9a-f]{32})(?:\/[^/]*)?$/;

/**
 * Reads one of this playground's own pictures straight from the store, with no HTTP request: an
 * output (/api/images/…), an input of an earlier edit (/api/inputs/…) or an upload (/api/uploads/…).
 */
export function ownFileReader(deps: {
  predictions: PredictionRepo;
  outputs: BlobStore;
  inputs: InputImages;
  uploads: MediaUploads;
}): OwnFileReader {
  return async (pathname) => {
    const output = OUTPUT.exec(pathname);
    if (output) {
      const record = await deps.predictions.get(output[1]);
      const stored = record?.outputs.find((candidate) => candidate.index === Number(output[2]));
      return stored && readBlob(deps.outputs, stored.file);
    }
    const input = INPUT.exec(pathname);
    if (input) {
      const image = await deps.inputs.find(input[1]);
      return image && deps.inputs.read(image);
    }
    const upload = UPLOAD.exec(pathname);
    if (upload) return (await deps.uploads.read(upload[1])) ?? undefined;
    return null;
  };
}
