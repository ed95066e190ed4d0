import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { StoredOutput } from "../domain";
import type { EngineOutput } from "../engines/types";
import type { BlobStore } from "../storage/blob-store";
import { extensionFor } from "../storage/content-types";

export type MirrorLimits = {
  /** Largest image accepted, in bytes. */
  maxBytes: number;
  /** Time allowed for one download. */
  timeoutMs: number;
};

export const DEFAULT_MIRROR_LIMITS: MirrorLimits = { maxBytes: 40 * 1024 * 1024, timeoutMs: 30_000 };

export class MirrorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MirrorError";
  }
}

/** An output as stored, with the SHA-256 of its bytes (by which an edit of it finds it again). */
export type MirroredOutput = StoredOutput & { sha256: string };

/** Copies one engine output into our storage and describes what was stored. */
export async function mirrorOutput(
  output: EngineOutput,
  target: { blobs: BlobStore; predictionId: string; index: number },
  limits: MirrorLimits = DEFAULT_MIRROR_LIMITS,
): Promise<MirroredOutput> {
  const { bytes, contentType, sourceUrl } =
    output.kind === "bytes"
      ? { bytes: output.bytes, contentType: output.contentType, sourceUrl: null }
      : { ...(await download(output.url, limits)), sourceUrl: output.url };

  const metadata = await sharp(bytes)
    .metadata()
    .catch(() => {
      throw new MirrorError(`output ${target.index + 1} is not a readable image`);
    });
  if (!metadata.width || !metadata.height) throw new MirrorError(`output ${target.index + 1} has no dimensions`);

  const file = `${target.predictionId}/${target.index}.${extensionFor(contentType)}`;
  await target.blobs.put(file, bytes, contentType);
  return {
    index: target.index,
    file,
    contentType,
    width: metadata.width,
    height: metadata.height,
    bytes: bytes.length,
    nsfw: output.nsfw,
    sourceUrl,
    starred: false,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

async function download(url: string, limits: MirrorLimits): Promise<{ bytes: Buffer; contentType: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MirrorError(`output URL is not a URL: ${url.slice(0, 200)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new MirrorError(`output URL must be http(s), got ${parsed.protocol}`);
  }

  const response = await fetch(parsed, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: "follow" }).catch(
    (error: Error) => {
      const reason = error.name === "TimeoutError" ? `timed out after ${limits.timeoutMs} ms` : error.message;
      throw new MirrorError(`could not download output: ${reason}`);
    },
  );
  if (!response.ok) throw new MirrorError(`downloading output answered HTTP ${response.status}`);

  const contentType = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!contentType.startsWith("image/")) {
    throw new MirrorError(`output is not an image (content type "${contentType || "none"}")`);
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > limits.maxBytes) throw new MirrorError(`output is larger than ${limits.maxBytes} bytes`);

  const bytes = await readCapped(response, limits.maxBytes).catch((error: Error) => {
    if (error instanceof MirrorError) throw error;
    throw new MirrorError(`the download of an output broke off: ${error.message}`);
  });
  return { bytes, contentType };
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of (response.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > maxBytes) throw new MirrorError(`output is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
