import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { BlobInfo, BlobStore, StoredBlob } from "./blob-store";
import { contentTypeFor } from "./content-types";

/** BlobStore on local disk: a key is a path under one root folder. */
export class DiskBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The content type is not kept: the key's extension says it (content-types.ts). */
  async put(key: string, bytes: Buffer, _contentType?: string): Promise<void> {
    const target = this.resolve(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temporary = `${target}.${randomUUID()}${TEMPORARY}`;
    try {
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, target);
    } catch (error) {
      // A full disk leaves part of the file written; it must not stay behind.
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    const file = await openIfExists(this.resolve(key));
    if (!file) return undefined;
    const { size } = await file.stat();
    const body = Readable.toWeb(file.createReadStream()) as ReadableStream<Uint8Array>;
    return { size, contentType: contentTypeFor(key), body };
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    try {
      const { size } = await fs.stat(this.resolve(key));
      return { size, contentType: contentTypeFor(key) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    // Retries cover a file being written into the folder while it is removed (ENOTEMPTY).
    await fs.rm(this.resolve(prefix), { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  }

  async listPrefixes(): Promise<string[]> {
    try {
      const entries = await fs.readdir(this.root, { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async removeIncomplete(): Promise<number> {
    let removed = 0;
    for (const prefix of await this.listPrefixes()) {
      const folder = this.resolve(prefix);
      const names = await fs.readdir(folder).catch(() => [] as string[]);
      for (const name of names.filter((candidate) => candidate.endsWith(TEMPORARY))) {
        await fs.rm(path.join(folder, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** Maps a key to a path inside the root, refusing anything that escapes it. */
  resolve(key: string): string {
    const target = path.resolve(this.root, key);
    if (!target.startsWith(this.root + path.sep)) throw new Error(`storage key escapes the root: ${key}`);
    return target;
  }
}

/** Suffix of a file being written; renamed away once whole. */
const TEMPORARY = ".tmp";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

async function openIfExists(file: string) {
  try {
    return await fs.open(file, "r");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
