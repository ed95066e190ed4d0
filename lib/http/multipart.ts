import "server-only";
import { AppError, isAppError } from "../errors";

/** Room for the multipart envelope around a file: boundaries and part headers. */
const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `file: the file is larger than ${maxBytes} bytes; at most ${maxBytes} are accepted.`, "file");

/** The raw body, refusing more than `maxBytes` (413 naming `file`) before reading past it. */
export async function readRawBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of (request.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  if (total === 0) throw new AppError("invalid_request", "file: the request has no file in its body.", "file");
  return Buffer.concat(chunks);
}

/**
 * One file from a multipart/form-data body, by field name: 413 past `maxBytes`, 400 when the body
 * is not multipart or has no such file. The proxy has checked the declared type.
 */
export async function readMultipartFile(
  request: Request,
  field: string,
  maxBytes: number,
): Promise<{ filename: string; bytes: Buffer }> {
  let form: FormData;
  try {
    const body = await readRawBody(request, maxBytes + MULTIPART_OVERHEAD);
    form = await new Response(new Uint8Array(body), {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch (error) {
    if (isAppError(error)) throw error.code === "payload_too_large" ? tooLarge(maxBytes) : error;
    throw new AppError("invalid_request", `${field}: the body is not a readable multipart form.`, field);
  }
  const file = form.get(field);
  if (!(file instanceof Blob))
    throw new AppError("invalid_request", `${field}: send the image as a multipart form field named "${field}".`, field);
  if (file.size > maxBytes) throw tooLarge(maxBytes);
  const filename = "name" in file && typeof file.name === "string" ? file.name : "image";
  return { filename, bytes: Buffer.from(await file.arrayBuffer()) };
}
