import "server-only";
import type { InputImageRepo } from "../db/input-image-repo";
import { type InputImage, inputFileName } from "../domain";
import { log } from "../log";
import { type BlobStore, readBlob, type StoredBlob } from "../storage/blob-store";
import type { ThumbnailCache } from "../storage/thumbnails";
import type { DecodedImage } from "./decode-image";

const keyOf = (image: Pick<InputImage, "sha256" | "contentType">) => `${image.sha256}/${inputFileName(image)}`;
const describe = ({ data: _data, ...image }: DecodedImage): InputImage => image;

/**
 * The input images of edits, kept by content: one file per picture (its SHA-256 names it), however
 * many runs and uploads use it, removed once none does. Storing and removing take turns (one chain),
 * and a picture being stored for a run not yet written is pinned, so a removal never takes a file
 * that is about to be used. That holds within one process, as the submit limits do.
 */
export class InputImages {
  private turn: Promise<unknown> = Promise.resolve();
  private readonly pins = new Map<string, number>();

  constructor(private readonly deps: { repo: InputImageRepo; blobs: BlobStore; thumbnails?: ThumbnailCache; now?: () => Date }) {}

  private now() {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.catch(() => undefined);
    return result;
  }

  /**
   * Stores the pictures not stored yet, then runs `use` (which writes whatever names them) while
   * they are pinned. Whatever `use` did not come to name is removed again afterwards.
   */
  async keep<T>(images: DecodedImage[], use: (images: InputImage[]) => Promise<T>): Promise<T> {
    const hashes = [...new Set(images.map((image) => image.sha256))];
    await this.inTurn(async () => {
      for (const sha of hashes) this.pins.set(sha, (this.pins.get(sha) ?? 0) + 1);
      try {
        for (const image of images.filter((one, index) => images.findIndex((other) => other.sha256 === one.sha256) === index)) {
          if (!(await this.deps.blobs.head(keyOf(image)))) await this.deps.blobs.put(keyOf(image), image.data, image.contentType);
          await this.deps.repo.rememberImage(describe(image), this.now());
        }
      } catch (error) {
        this.unpin(hashes);
        throw error;
      }
    });
    try {
      return await use(images.map(describe));
    } finally {
      this.unpin(hashes);
      await this.release(hashes);
    }
  }

  private unpin(hashes: string[]) {
    for (const sha of hashes) {
      const left = (this.pins.get(sha) ?? 1) - 1;
      if (left > 0) this.pins.set(sha, left);
      else this.pins.delete(sha);
    }
  }

  /** Removes those of these pictures that no run and no live upload uses any more (and none is pinned). */
  release(hashes: string[]): Promise<string[]> {
    if (hashes.length === 0) return Promise.resolve([]);
    return this.inTurn(async () => {
      const candidates = [...new Set(hashes)].filter((sha) => !this.pins.has(sha));
      const gone = await this.deps.repo.forgetUnused(candidates, this.now());
      for (const sha of gone) {
        // The description is gone, so no run can name the file again; one that resists removal is only logged.
        const removals = [this.deps.blobs.deletePrefix(sha), this.deps.thumbnails?.remove(sha)];
        for (const removal of await Promise.allSettled(removals))
          if (removal.status === "rejected") log.warn("could not remove an input image", { sha, error: String(removal.reason) });
      }
      return gone;
    });
  }

  /** The picture's description, when it is stored. */
  find(sha256: string): Promise<InputImage | undefined> {
    return this.deps.repo.getImage(sha256);
  }

  /** The picture's bytes; undefined when it is not stored. */
  read(image: Pick<InputImage, "sha256" | "contentType">): Promise<Buffer | undefined> {
    return readBlob(this.deps.blobs, keyOf(image));
  }

  /** A small WebP of the picture, made on first use; undefined when it is not stored. */
  async thumbnail(sha256: string): Promise<Buffer | undefined> {
    const image = await this.find(sha256);
    if (!image || !this.deps.thumbnails) return undefined;
    return this.deps.thumbnails.get(`${sha256}/thumb.webp`, async () => {
      const bytes = await this.read(image);
      if (!bytes) throw new Error(`the input image ${sha256} is missing`);
      return bytes;
    });
  }

  /** The picture as a stream, for the image route. */
  async open(sha256: string): Promise<{ image: InputImage; blob: StoredBlob } | undefined> {
    const image = await this.find(sha256);
    const blob = image && (await this.deps.blobs.get(keyOf(image)));
    return image && blob ? { image, blob } : undefined;
  }
}
