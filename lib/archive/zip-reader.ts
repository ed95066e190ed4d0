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

/** What is wrong with a zip, in words a person can act on (never the library's own message). */
export class ZipReadError extends Error {}

/** yauzl's messages, by what they mean for the person importing. */
const MEANINGS: Array<[RegExp, string]> = [
  [
    /end of central directory record signature not found|invalid comment length|zip64 end of central directory/i,
    "The file is not a zip, or it is cut short: a zip ends with a table of its contents, and this file has none. Check that the download finished, or export again.",
  ],
  [
    /invalid relative path|absolute path|invalid characters/i,
    "The zip has an entry whose name would land outside its folder, which no export of this playground has.",
  ],
  [
    /encrypted|strong encryption|compression method|multi-disk/i,
    "The zip uses a feature an export of this playground never does (encryption, an unusual compression or several disks). Import the zip as the playground wrote it.",
  ],
];
const DAMAGED = "The zip is damaged: its table of contents does not match the data in it. Export again.";

const worded = (error: Error) => new ZipReadError(MEANINGS.find(([pattern]) => pattern.test(error.message))?.[1] ?? DAMAGED);

export async function openZip(file: string, maxEntries: number): Promise<ZipReader> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (error, opened) =>
      error ? reject(worded(error)) : resolve(opened),
    ),
  );
  try {
    if (zip.entryCount > maxEntries)
      throw new ZipReadError(`The zip holds ${zip.entryCount} entries; at most ${maxEntries} are read.`);
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
      if (entries.has(entry.fileName)) return reject(new ZipReadError(`The zip holds ${entry.fileName} twice.`));
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", (error: Error) => reject(worded(error)));
    zip.readEntry();
  });
}

/** The whole entry; its size was checked against `maxBytes` by the caller, who names that limit. */
function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  const damaged = () => new ZipReadError(`The zip is damaged: ${entry.fileName} cannot be unpacked. Export again.`);
  if (entry.uncompressedSize > maxBytes) return Promise.reject(damaged());
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream?: Readable) => {
      if (error || !stream) return reject(error ? worded(error) : damaged());
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        // The header's size was checked; this guards against an entry that lies about it.
        if (total > maxBytes) stream.destroy(damaged());
        else chunks.push(chunk);
      });
      stream.on("error", (streamError) => reject(streamError instanceof ZipReadError ? streamError : damaged()));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}
