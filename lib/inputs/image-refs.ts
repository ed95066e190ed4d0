import "server-only";
import { AppError } from "../errors";
import { fetchImage, type ImageFetchPolicy } from "./fetch-image";

/**
 * The bytes of one of this server's own files at a path (an output, an input, an upload); null when
 * the path names no such kind of file, undefined when it names one that is not there.
 */
export type OwnFileReader = (pathname: string) => Promise<Buffer | undefined | null>;

export type ImageRefContext = {
  /** The base of this server's links as the client sees them: a URL on it is read from the store. */
  baseUrl?: string;
  readOwn: OwnFileReader;
  fetchPolicy: ImageFetchPolicy;
};

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;
const DATA_URI = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/s;
const WORDS = "an https URL, a data: URI or base64 of a JPEG, PNG, WebP or GIF image";

/**
 * The bytes an image reference stands for, in the three forms WaveSpeed takes: a URL (fetched
 * through the guard, or read straight from the store when it is one of this playground's own
 * files), a `data:` URI, or naked base64. Nothing is checked as an image here (decode-image.ts does).
 */
export async function readImageRef(ref: string, field: string, context: ImageRefContext): Promise<Buffer> {
  const text = ref.trim();
  if (text.startsWith("data:")) return fromDataUri(text, field);
  // Paths of this playground's own files; base64 of a JPEG starts with "/" too ("/9j/"), so only /api/ counts.
  if (text.startsWith("/api/")) return readOwn(text, field, context);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme) {
    if (scheme !== "http" && scheme !== "https")
      throw new AppError("invalid_request", `${field} must be ${WORDS}, not a ${scheme}: URL.`, field);
    const url = parseUrl(text, field);
    if (context.baseUrl && url.origin === new URL(context.baseUrl).origin) return readOwn(url.pathname, field, context);
    return fetchImage(url.href, field, context.fetchPolicy);
  }
  if (BASE64.test(text)) return fromBase64(text, field);
  throw new AppError("invalid_request", `${field} must be ${WORDS}.`, field);
}

function parseUrl(text: string, field: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new AppError("invalid_request", `${field} is not a valid URL.`, field);
  }
}

async function readOwn(pathname: string, field: string, context: ImageRefContext): Promise<Buffer> {
  const bytes = await context.readOwn(pathname);
  if (bytes === null)
    throw new AppError("invalid_request", `${field} names no image of this playground (${pathname.slice(0, 120)}).`, field);
  if (bytes === undefined)
    throw new AppError("invalid_request", `${field}: that image is no longer stored here (${pathname.slice(0, 120)}).`, field);
  return bytes;
}

function fromDataUri(text: string, field: string): Buffer {
  const match = DATA_URI.exec(text);
  if (!match) throw new AppError("invalid_request", `${field} is not a valid data: URI.`, field);
  if (!match[2].split(";").includes("base64"))
    throw new AppError("invalid_request", `${field}: a data: URI must carry base64 (data:image/png;base64,…).`, field);
  return fromBase64(match[3], field);
}

function fromBase64(text: string, field: string): Buffer {
  const compact = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length === 0)
    throw new AppError("invalid_request", `${field} is not valid base64.`, field);
  return Buffer.from(compact, "base64");
}
