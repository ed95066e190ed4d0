import "server-only";
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";

/**
 * A zip opened for random access with yauzl, which refuses entry names that are absolute or
 * climb out with `..` (zip-slip) and checks every entry's size against its header.
 */
export type ZipReader = {
  entries: Map<string, Entry>;
  /** The whole entry, refusing more than `maxBytes`. */
  read(entry: Entry, maxBytes: number): Promise<Buffer>;
  close(): void;
};

export class ZipReadError extends Error {}

export async function openZip(file: string, maxEntries: number): Promise<ZipReader> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (error, opened) =>
      error ? reject(new ZipReadError(error.message)) : resolve(opened),
    ),
  );
  try {
    if (zip.entryCount > maxEntries)
      throw new ZipReadError(`it has ${zip.entryCount} entries; at most ${maxEntries} are allowed`);
    const entries = await listEntries(zip);
    return { entries, read: (entry, maxBytes) => readEntry(zip, entry, maxBytes), close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on("entry", (entry: Entry) => {
      if (entries.has(entry.fileName)) return reject(new ZipReadError(`the entry ${entry.fileName} appears twice`));
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", (error: Error) => reject(new ZipReadError(error.message)));
    zip.readEntry();
  });
}

function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  if (entry.uncompressedSize > maxBytes) {
    return Promise.reject(
      new ZipReadError(`${entry.fileName} is ${entry.uncompressedSize} bytes; at most ${maxBytes} are allowed`),
    );
  }
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream?: Readable) => {
      if (error || !stream) return reject(new ZipReadError(`${entry.fileName} cannot be read: ${error?.message ?? "no data"}`));
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        // The header's size was checked; this guards against an entry that lies about it.
        if (total > maxBytes) stream.destroy(new ZipReadError(`${entry.fileName} is larger than ${maxBytes} bytes`));
        else chunks.push(chunk);
      });
      stream.on("error", (streamError) =>
        reject(streamError instanceof ZipReadError ? streamError : new ZipReadError(`${entry.fileName}: ${streamError.message}`)),
      );
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}
