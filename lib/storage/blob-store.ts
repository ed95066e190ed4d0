/**
 * Bytes by key (`<prediction id>/<index>.<ext>`): mirrored images, thumbnails.
 * Local disk today (disk-blob-store.ts); any other implementation must pass the
 * same contract suite (testing/contracts/blob-store.ts).
 */
export interface BlobStore {
  /** Stores the bytes under the key, all or nothing: a reader never sees part of them. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes as a stream, with their size; undefined when there is no such key. */
  get(key: string): Promise<StoredBlob | undefined>;
  /** Size and type without the bytes; undefined when there is no such key. */
  head(key: string): Promise<BlobInfo | undefined>;
  /** Removes every key under `prefix/`. Removing what is not there is not an error. */
  deletePrefix(prefix: string): Promise<void>;
  /** The first segments of every key: one per prediction that has files. */
  listPrefixes(): Promise<string[]>;
  /** Removes what puts that never finished left behind (a crash or a full disk mid-write); returns how many. */
  removeIncomplete(): Promise<number>;
}

export type BlobInfo = { size: number; contentType: string };
export type StoredBlob = BlobInfo & { body: ReadableStream<Uint8Array> };

/** The whole blob in memory, for sharp and small reads; undefined when there is no such key. */
export async function readBlob(store: BlobStore, key: string): Promise<Buffer | undefined> {
  const blob = await store.get(key);
  if (!blob) return undefined;
  return Buffer.from(await new Response(blob.body).arrayBuffer());
}
