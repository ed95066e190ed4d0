import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export { extensionFor } from "./content-types";

/** Image bytes on disk, under one root. Keys are relative paths like `abc123/0.jpg`. */
export class DiskStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    const target = this.resolve(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temporary = `${target}.${randomUUID()}.tmp`;
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, target);
  }

  async read(key: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(this.resolve(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fs.access(this.resolve(key));
      return true;
    } catch {
      return false;
    }
  }

  /** Removes a folder of keys (one prediction's images, or their thumbnails). */
  async removeFolder(prefix: string): Promise<void> {
    // Retries cover a file being written into the folder while it is removed (ENOTEMPTY).
    await fs.rm(this.resolve(prefix), { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  }

  /** Maps a key to a path inside the root, refusing anything that escapes it. */
  resolve(key: string): string {
    const target = path.resolve(this.root, key);
    if (!target.startsWith(this.root + path.sep)) throw new Error(`storage key escapes the root: ${key}`);
    return target;
  }
}
