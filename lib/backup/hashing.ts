import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";

export type Hashed = { bytes: number; sha256: string };

/** Copies a file, hashing what it reads: one pass over the bytes. The target is created, never overwritten. */
export async function copyHashed(from: string, to: string, mode?: number): Promise<Hashed> {
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
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest("hex") };
}
