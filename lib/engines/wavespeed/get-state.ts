import { parseRetryAfter } from "../../retry";
import { type EngineState, UpstreamError } from "../types";
import { effectiveStatus, readBody, upstreamMessage, whyUnreadable } from "./body";
import { taskCodeOf, toEngineState } from "./envelope";
import { exchange } from "./http";
import { redact } from "./redact";

export type ResultCall = {
  fetchImpl: typeof fetch;
  url: string;
  apiKey: string;
  timeoutMs: number;
};

/**
 * One result GET, no retries: the tracker owns the schedule. Errors are
 * classified so it can tell "ask again later" from "stop asking".
 */
export async function getStateOnce(call: ResultCall): Promise<EngineState> {
  const key = call.apiKey;
  const result = await exchange(
    call.fetchImpl,
    call.url,
    { method: "GET", headers: { Authorization: `Bearer ${key}`, Accept: "application/json" } },
    call.timeoutMs,
  );
  if (!result.ok) {
    if (result.failure === "timeout") {
      throw new UpstreamError(
        "timeout",
        `WaveSpeed did not answer the result request within ${Math.round(call.timeoutMs / 100) / 10}s`,
      );
    }
    throw new UpstreamError("unavailable", redact(`could not reach WaveSpeed (${result.detail})`, key));
  }

  const body = readBody(result.text);
  const status = effectiveStatus(result.status, body);
  const httpStatus = result.status;
  if (status === 401 || status === 403) {
    throw new UpstreamError("auth", "the WaveSpeed API key was rejected", { httpStatus });
  }
  if (status === 404) {
    throw new UpstreamError("not_found", "WaveSpeed no longer knows this task (deleted after 7 days, or never created)", {
      httpStatus,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(result.headers.get("retry-after"));
    throw new UpstreamError("rate_limited", `WaveSpeed is rate limiting this key: ${upstreamMessage(body, key)}`, {
      httpStatus,
      retryAfterMs,
    });
  }
  // A failed task is terminal whatever HTTP status carried it.
  if (body.kind === "envelope" && body.data?.status === "failed") {
    return toEngineState(body.data, taskCodeOf(body.envelope, body.data), key);
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(result.headers.get("retry-after"));
    throw new UpstreamError("unavailable", `WaveSpeed is unavailable (HTTP ${status}): ${upstreamMessage(body, key)}`, {
      httpStatus,
      retryAfterMs,
    });
  }
  if (status < 200 || status >= 300) {
    throw new UpstreamError("rejected", `WaveSpeed refused the result request (HTTP ${status}): ${upstreamMessage(body, key)}`, {
      httpStatus,
    });
  }
  if (body.kind === "envelope" && body.data) return toEngineState(body.data, taskCodeOf(body.envelope, body.data), key);
  throw new UpstreamError(
    "bad_response",
    `WaveSpeed answered the result request (HTTP ${httpStatus}) with ${whyUnreadable(body, key)}`,
    { httpStatus },
  );
}
