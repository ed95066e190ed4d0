import { UPLOAD_BINARY_PATH } from "../../contract";
import { parseRetryAfter } from "../../retry";
import { type EngineImage, UpstreamError } from "../types";
import { effectiveStatus, readBody, upstreamMessage, whyUnreadable } from "./body";
import { exchange, parseJson } from "./http";
import { redact } from "./redact";

export type UploadCall = { fetchImpl: typeof fetch; baseUrl: string; apiKey: string; timeoutMs: number };

const FAILED = "Uploading the input image to WaveSpeed failed";
const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/**
 * One upload through WaveSpeed's documented media API (`POST /api/v3/media/upload/binary`,
 * multipart `file`), with the owner's key: WaveSpeed cannot reach images held by this server.
 * Nothing is billed and no task exists yet, so every failure that left the file unreceived is
 * "unavailable" (safe to send again); the tracker decides whether to, and never submits without it.
 */
export async function uploadOnce(call: UploadCall, image: EngineImage): Promise<string> {
  const form = new FormData();
  const name = `${image.sha256.slice(0, 16)}.${EXTENSIONS[image.contentType] ?? "png"}`;
  form.append("file", new Blob([new Uint8Array(image.bytes)], { type: image.contentType }), name);
  const key = call.apiKey;
  const result = await exchange(
    call.fetchImpl,
    `${call.baseUrl}${UPLOAD_BINARY_PATH}`,
    { method: "POST", headers: { Authorization: `Bearer ${key}`, Accept: "application/json" }, body: form },
    call.timeoutMs,
  );
  if (!result.ok) {
    const why = result.failure === "timeout" ? `no answer within ${Math.round(call.timeoutMs / 1000)} s` : result.detail;
    throw new UpstreamError("unavailable", redact(`${FAILED}: ${why}`, key));
  }
  const body = readBody(result.text);
  const status = effectiveStatus(result.status, body);
  const httpStatus = result.status;
  if (status === 401 || status === 403) throw new UpstreamError("auth", "the WaveSpeed API key was rejected", { httpStatus });
  const retryAfterMs = parseRetryAfter(result.headers.get("retry-after"));
  if (status === 429)
    throw new UpstreamError("rate_limited", `${FAILED}: rate limited: ${upstreamMessage(body, key)}`, {
      httpStatus,
      retryAfterMs,
    });
  if (status >= 500)
    throw new UpstreamError("unavailable", `${FAILED} (HTTP ${status}): ${upstreamMessage(body, key)}`, {
      httpStatus,
      retryAfterMs,
    });
  if (status < 200 || status >= 300)
    throw new UpstreamError("rejected", `${FAILED} (HTTP ${status}): ${upstreamMessage(body, key)}`, { httpStatus });
  const url = downloadUrlOf(result.text);
  if (url) return url;
  throw new UpstreamError("bad_response", `${FAILED}: WaveSpeed answered with ${whyUnreadable(body, key)}`, { httpStatus });
}

function downloadUrlOf(text: string): string | undefined {
  const json = parseJson(text);
  const url = json.ok ? (json.value as { data?: { download_url?: unknown } } | null)?.data?.download_url : undefined;
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : undefined;
}
