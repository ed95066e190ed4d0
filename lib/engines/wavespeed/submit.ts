import { type EngineInput, MODELS } from "@/lib/domain";
import { parseRetryAfter } from "../../retry";
import { UpstreamError } from "../types";
import { effectiveStatus, readBody, upstreamMessage, whyUnreadable } from "./body";
import { exchange } from "./http";
import { redact } from "./redact";

export type SubmitCall = {
  fetchImpl: typeof fetch;
  url: string;
  apiKey: string;
  timeoutMs: number;
};

/**
 * The body WaveSpeed's model takes: text-to-image its six parameters; an edit its instruction, the
 * input image's URL (`image`, or `images` for multi), seed, guidance and safety, and an aspect
 * ratio only when one was asked for (without it the output keeps the input's shape).
 * [dev] takes its own fields instead of a ratio and a tolerance (lib/domain/models.ts).
 */
export function submitBody(input: EngineInput, imageUrls: string[] = []): Record<string, unknown> {
  const { prompt, aspect_ratio, num_images, seed, guidance_scale, safety_tolerance, edit } = input;
  const images = edit ? (edit.kind === "multi" ? { images: imageUrls } : { image: imageUrls[0] }) : {};
  if (MODELS[input.model].parameters === "dev") {
    // [dev]'s own body: a pixel size (none keeps the input's shape), steps, a format and a checker.
    const { size, num_inference_steps, output_format, enable_safety_checker } = input;
    return {
      prompt,
      ...images,
      ...(size ? { size } : {}),
      num_inference_steps,
      guidance_scale,
      num_images,
      seed,
      output_format,
      enable_safety_checker,
    };
  }
  if (!edit) return { prompt, aspect_ratio, num_images, seed, guidance_scale, safety_tolerance };
  return { prompt, ...images, ...(edit.matchInput ? {} : { aspect_ratio }), seed, guidance_scale, safety_tolerance };
}

const NOT_RESENT = "the task may or may not have been created, so it was not sent again";

/**
 * One submit POST. Every error it throws is classified so that only
 * "rate_limited" and "unavailable" mean the upstream certainly did not take
 * the task; everything else must not be resent, or the user pays twice.
 */
export async function submitOnce(call: SubmitCall, payload: Record<string, unknown>): Promise<{ upstreamId: string }> {
  const result = await exchange(
    call.fetchImpl,
    call.url,
    {
      method: "POST",
      headers: { Authorization: `Bearer ${call.apiKey}`, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
    },
    call.timeoutMs,
  );
  const key = call.apiKey;

  if (!result.ok) {
    if (result.failure === "unreachable") {
      throw new UpstreamError("unavailable", redact(`could not reach WaveSpeed (${result.detail})`, key));
    }
    if (result.failure === "timeout") {
      const seconds = Math.round(call.timeoutMs / 100) / 10;
      throw new UpstreamError("outcome_unknown", `WaveSpeed did not answer the submit within ${seconds}s; ${NOT_RESENT}`);
    }
    // A reset can come after the upstream read the whole request.
    throw new UpstreamError(
      "outcome_unknown",
      redact(`the connection to WaveSpeed broke during the submit (${result.detail}); ${NOT_RESENT}`, key),
    );
  }

  const body = readBody(result.text);
  const status = effectiveStatus(result.status, body);
  const httpStatus = result.status;
  if (status === 401 || status === 403) {
    throw new UpstreamError("auth", "the WaveSpeed API key was rejected", { httpStatus });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(result.headers.get("retry-after"));
    throw new UpstreamError("rate_limited", `WaveSpeed is rate limiting this key: ${upstreamMessage(body, key)}`, {
      httpStatus,
      retryAfterMs,
    });
  }
  if (status >= 500) {
    // A fast error envelope means the upstream refused the task; a bare 502/504
    // from a proxy may hide a task that was created behind it.
    if (body.kind === "envelope") {
      const retryAfterMs = parseRetryAfter(result.headers.get("retry-after"));
      throw new UpstreamError("unavailable", `WaveSpeed is unavailable (HTTP ${status}): ${upstreamMessage(body, key)}`, {
        httpStatus,
        retryAfterMs,
      });
    }
    throw new UpstreamError(
      "outcome_unknown",
      `WaveSpeed answered the submit with HTTP ${status} and no error body; ${NOT_RESENT}`,
      { httpStatus },
    );
  }
  if (status < 200 || status >= 300) {
    throw new UpstreamError("rejected", `WaveSpeed rejected the request (HTTP ${status}): ${upstreamMessage(body, key)}`, {
      httpStatus,
    });
  }
  // The submit needs only the id; an odd status beside it is still a created task.
  const upstreamId = body.kind === "envelope" ? idOf(body.envelope.data) : undefined;
  if (upstreamId) return { upstreamId };
  throw new UpstreamError(
    "bad_response",
    `WaveSpeed answered the submit (HTTP ${httpStatus}) with ${whyUnreadable(body, key)}; the task may have been created, so it was not sent again`,
    { httpStatus },
  );
}

function idOf(data: unknown): string | undefined {
  const id = (data as { id?: unknown } | null | undefined)?.id;
  return typeof id === "string" && id.trim() ? id : undefined;
}
