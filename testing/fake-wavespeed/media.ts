import { createHash, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import sharp from "sharp";
import { errorBody, type FakeState, type FakeUpload, json, type RecordedRequest } from "./state";
import type { PixelSize } from "./tasks";

/** `POST /api/v3/media/upload/binary`: a multipart `file`, kept in memory, answered as WaveSpeed documents it. */
export async function handleBinaryUpload(state: FakeState, req: RecordedRequest, raw: Buffer, res: ServerResponse) {
  if (state.uploadFailuresLeft > 0) {
    state.uploadFailuresLeft--;
    return json(res, 500, errorBody(500, "upload storage unavailable"));
  }
  let file: FormDataEntryValue | null = null;
  try {
    const form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": req.headers["content-type"] ?? "" },
    }).formData();
    file = form.get("file");
  } catch {
    return json(res, 400, errorBody(400, "the body must be multipart/form-data with a file field"));
  }
  if (!(file instanceof Blob)) return json(res, 400, errorBody(400, "file is required"));
  const bytes = Buffer.from(await file.arrayBuffer());
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => undefined);
  if (!meta?.width || !meta.height) return json(res, 400, errorBody(400, "file must be an image"));
  const id = randomBytes(12).toString("hex");
  const filename = "name" in file && typeof file.name === "string" ? file.name : "upload.bin";
  const upload: FakeUpload = {
    id,
    url: `${state.base}/media/${id}/${encodeURIComponent(filename)}`,
    filename,
    contentType: file.type || "application/octet-stream",
    bytes,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    width: meta.width,
    height: meta.height,
    time: Date.now(),
  };
  state.uploads.set(id, upload);
  json(res, 200, {
    code: 200,
    message: "success",
    data: { type: "image", download_url: upload.url, filename, size: bytes.length },
  });
}

export function handleMedia(state: FakeState, id: string, req: RecordedRequest, res: ServerResponse) {
  const upload = state.uploads.get(id);
  if (!upload) return json(res, 404, errorBody(404, "not found"));
  res.writeHead(200, { "content-type": upload.contentType, "content-length": String(upload.bytes.length) });
  res.end(req.method === "HEAD" ? undefined : upload.bytes);
}

/**
 * What the fake knows of an image URL a submit carried: only URLs it issued itself (an upload, or
 * an output of one of its tasks) can be read, as the real upstream can read only what it reaches.
 */
export function issuedImage(state: FakeState, url: string): PixelSize | undefined {
  const upload = /\/media\/([0-9a-f]+)\//.exec(url);
  if (upload && url.startsWith(`${state.base}/media/`)) {
    const found = state.uploads.get(upload[1]);
    return found && { width: found.width, height: found.height };
  }
  const output = /\/outputs\/([0-9a-f]+)\/(\d+)\.png$/.exec(url);
  if (output && url.startsWith(`${state.base}/outputs/`)) return state.tasks.get(output[1])?.size;
  return undefined;
}
