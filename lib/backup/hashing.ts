import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";

export type Hashed = { bytes: number; sha256: string };

/**
 * Files up to this size are read whole: one read, one hash, one write is several times faster than
 * a stream for images (a stream's chunks each cost a turn). Larger ones (a big database) stream.
 */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024;

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Copies a file, hashing what it reads: one pass over the bytes. The target is created, never overwritten. */
export async function copyHashed(from: string, to: string, mode?: number): Promise<Hashed> {
  if ((await fs.promises.stat(from)).size <= WHOLE_FILE_BYTES) {
    const bytes = await fs.promises.readFile(from);
    await fs.promises.writeFile(to, bytes, { flag: "wx", mode });
    return { bytes: bytes.length, sha256: sha256(bytes) };
  }
  const hash = createHash("sha256");
  let bytes = 0;
  await pipeline(
    fs.createReadStream(from),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    fs.createWriteStream(to, { flags: "wx", mode }),
  );
  return { bytes, sha256: hash.digest("hex") };
}

/** The size and SHA-256 of a file. */
export async function hashFile(file: string): Promise<Hashed> {
  if ((await fs.promises.stat(file)).size <= WHOLE_FILE_BYTES) {
    const bytes = await fs.promises.readFile(file);
    return { bytes: bytes.length, sha256: sha256(bytes) };
  }
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest("hex") };
}
