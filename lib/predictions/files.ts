import "server-only";
import type { PredictionRepo } from "../db/prediction-repo";
import type { PredictionRecord, StoredOutput } from "../domain";
import { AppError } from "../errors";
import type { InputImages } from "../inputs/input-images";
import { log } from "../log";
import { type BlobStore, readBlob, type StoredBlob } from "../storage/blob-store";
import type { ThumbnailCache } from "../storage/thumbnails";
import { withRecipe } from "./downloads/recipe";

type Deps = { repo: PredictionRepo; blobs: BlobStore; thumbnails: ThumbnailCache; inputs: InputImages };

const missingFile = (index: number) => new AppError("not_found", `The file of output ${index} is missing.`, "index");

/** The files of runs as the image routes serve them: originals, downloads with their recipe, thumbnails, input pictures. */
export class PredictionFiles {
  constructor(private readonly deps: Deps) {}

  /** One stored original, as a stream, with the record it belongs to. */
  async openOutput(id: string, index: number): Promise<{ record: PredictionRecord; output: StoredOutput; blob: StoredBlob }> {
    const { record, output } = await this.findOutput(id, index);
    const blob = await this.deps.blobs.get(output.file);
    if (!blob) throw missingFile(index);
    return { record, output, blob };
  }

  /** One original with its recipe embedded (prompt, seed and settings, model), for a download. */
  async downloadOutput(id: string, index: number): Promise<{ record: PredictionRecord; output: StoredOutput; bytes: Buffer }> {
    const { record, output } = await this.findOutput(id, index);
    const bytes = await readBlob(this.deps.blobs, output.file);
    if (!bytes) throw missingFile(index);
    return { record, output, bytes: await withRecipe(bytes, output.contentType, record) };
  }

  /**
   * A small WebP of one output, rendered on first use. `width`: one of the sizes a page may ask for
   * (the route checks it); the cache's own when not given.
   */
  async readThumbnail(id: string, index: number, width?: number): Promise<Buffer> {
    const { output } = await this.findOutput(id, index);
    const key = width === undefined ? `${id}/${index}.webp` : `${id}/${index}.w${width}.webp`;
    const load = async () => {
      const bytes = await readBlob(this.deps.blobs, output.file);
      if (!bytes) throw missingFile(index);
      return bytes;
    };
    return this.deps.thumbnails.get(key, load, width);
  }

  /** One input picture of an edit, by its hash, as a stream. */
  async openInput(sha256: string) {
    const found = await this.deps.inputs.open(sha256);
    if (!found) throw new AppError("not_found", `No input image ${sha256}.`, "file");
    return found;
  }

  /** A small WebP of one input picture, rendered on first use. */
  async readInputThumbnail(sha256: string): Promise<Buffer> {
    const thumbnail = await this.deps.inputs.thumbnail(sha256);
    if (!thumbnail) throw new AppError("not_found", `No input image ${sha256}.`, "file");
    return thumbnail;
  }

  /** Removes a run's originals and thumbnails. One that resists is logged, not thrown: the row decides what exists. */
  async remove(id: string): Promise<void> {
    const removals = await Promise.allSettled([this.deps.blobs.deletePrefix(id), this.deps.thumbnails.remove(id)]);
    for (const removal of removals) {
      if (removal.status === "rejected")
        log.warn("could not remove the files of a deleted prediction", { id, error: String(removal.reason) });
    }
  }

  private async findOutput(id: string, index: number) {
    const record = await this.deps.repo.get(id);
    if (!record) throw new AppError("not_found", `No prediction with id "${id}".`, "id");
    const output = record.outputs.find((candidate) => candidate.index === index);
    if (!output) throw new AppError("not_found", `Prediction "${id}" has no output ${index}.`, "index");
    return { record, output };
  }
}
