import "server-only";
import { type DecodedImage, decodeInputImage } from "./decode-image";
import type { ImageFetchPolicy } from "./fetch-image";
import { type OwnFileReader, readImageRef } from "./image-refs";

/**
 * An edit's image references made into checked pictures: each read (from the store, a data: URI,
 * base64, or a URL through the guard) and decoded within the limits, one after the other, so the
 * first bad one is the one named. Nothing is stored here.
 */
export class EditImages {
  constructor(private readonly deps: { readOwn: OwnFileReader; fetchPolicy: ImageFetchPolicy }) {}

  async read(refs: string[], fieldOf: (index: number) => string, baseUrl?: string): Promise<DecodedImage[]> {
    const images: DecodedImage[] = [];
    for (const [index, ref] of refs.entries()) {
      const field = fieldOf(index);
      const bytes = await readImageRef(ref, field, { baseUrl, readOwn: this.deps.readOwn, fetchPolicy: this.deps.fetchPolicy });
      images.push(await decodeInputImage(bytes, field));
    }
    return images;
  }
}
