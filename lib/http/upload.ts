import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "../errors";

/**
 * The raw request body in a temporary file, refusing more than `maxBytes` (413) before
 * keeping it. The caller removes the file (the returned `remove`).
 */
export async function saveUpload(request: Request, maxBytes: number): Promise<{ file: string; remove: () => Promise<void> }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw new AppError("invalid_request", "The request has no file in its body.", "file");
  const file = path.join(os.tmpdir(), `kontext-upload-${randomUUID()}`);
  const remove = () => fs.rm(file, { force: true });
  let total = 0;
  const counted = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>).map((chunk: Buffer) => {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    return chunk;
  });
  try {
    await pipeline(counted, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await remove();
    throw error instanceof AppError
      ? error
      : new AppError("invalid_request", "The upload broke off before it was complete.", "file");
  }
  if (total === 0) {
    await remove();
    throw new AppError("invalid_request", "The request has no file in its body.", "file");
  }
  return { file, remove };
}

const tooLarge = (maxBytes: number) => new AppError("payload_too_large", `The file is larger than ${maxBytes} bytes.`, "file");
