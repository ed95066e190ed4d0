import "server-only";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { AppError } from "../errors";

type Decode = (bytes: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>;

/** Request bodies may come compressed in one of these; any other Content-Encoding is a 415. */
const DECODERS: Record<string, Decode> = {
  gzip: promisify(zlib.gunzip),
  "x-gzip": promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress) as Decode,
};

/** Reads a JSON body with a size cap: 413 past the cap, 400 when it is not JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readTextBody(request, maxBytes);
  if (!text.trim()) throw new AppError("invalid_json", "The request body must be a JSON object; it was empty.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
}

/**
 * The body as text, refusing more than `maxBytes` (413), sent or once decompressed. A gzip, deflate
 * or br body is decompressed; another Content-Encoding is a 415 naming the header.
 */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const decode = decoderFor(request.headers.get("content-encoding"));
  const raw = await readCapped(request, maxBytes);
  if (!decode || raw.length === 0) return raw.toString("utf8");
  try {
    return (await decode(raw, { maxOutputLength: maxBytes })).toString("utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes, " once decompressed");
    throw new AppError(
      "invalid_request",
      `The request body is not valid ${request.headers.get("content-encoding")} data.`,
      "Content-Encoding",
    );
  }
}

function decoderFor(header: string | null): Decode | undefined {
  const encoding = header?.trim().toLowerCase();
  if (!encoding || encoding === "identity") return undefined;
  const decode = DECODERS[encoding];
  if (decode) return decode;
  throw new AppError(
    "unsupported_media_type",
    `Content-Encoding "${header}" is not supported; send the body uncompressed, or as one of ${Object.keys(DECODERS).join(", ")}.`,
    "Content-Encoding",
  );
}

async function readCapped(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

const tooLarge = (maxBytes: number, when = "") =>
  new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes${when}.`);
