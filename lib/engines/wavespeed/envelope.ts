import { z } from "zod";
import type { PredictionStatus } from "@/lib/domain";
import { type EngineOutput, type EngineState, UpstreamError } from "../types";
import { redact } from "./redact";

/**
 * The upstream's JSON, read leniently: fields may be missing or null, and
 * only what the app uses is required. Vendor shapes stop in this file.
 */
const STATUS_ALIASES: Record<string, PredictionStatus> = {
  created: "created",
  pending: "created",
  queued: "created",
  processing: "processing",
  running: "processing",
  completed: "completed",
  succeeded: "completed",
  failed: "failed",
  error: "failed",
};

const numberish = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const upstreamDataSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().transform((value, ctx) => {
    const status = STATUS_ALIASES[value.toLowerCase()];
    if (!status) ctx.addIssue({ code: "custom", message: `unknown status "${value}"` });
    return status ?? z.NEVER;
  }),
  outputs: z.array(z.string()).nullish(),
  has_nsfw_contents: z.array(z.boolean().nullish()).nullish(),
  error: z.string().nullish(),
  code: numberish.nullish(),
  timings: z.looseObject({ inference: z.number().nullish() }).nullish(),
});
export type UpstreamData = z.output<typeof upstreamDataSchema>;

export const upstreamEnvelopeSchema = z.looseObject({
  code: numberish.nullish(),
  message: z.string().nullish(),
  error: z.string().nullish(),
  error_code: z.union([z.string(), z.number()]).nullish(),
  data: z.unknown().optional(),
});
export type UpstreamEnvelope = z.output<typeof upstreamEnvelopeSchema>;

/** Task codes from the public docs; the label leads the message the user sees. */
const TASK_CODES: Record<number, string> = {
  1200: "content moderation",
  1400: "missing parameter",
  1401: "invalid parameter",
  1402: "media access failed",
  1403: "task failed",
  1405: "task failed",
  5000: "internal error",
  5003: "service unavailable",
  5004: "timeout",
};

const isModeration = (code: number | undefined, text: string) => code === 1200 || /moderat|nsfw/i.test(text);

/** The one line shown for a failed task: what went wrong, the task code, the upstream's words. */
export function describeFailure(errorText: string, code: number | undefined): string {
  const text = errorText.trim();
  const codeNote = code === undefined ? "" : ` (code ${code})`;
  if (isModeration(code, text)) return `Moderated: ${text || "blocked by WaveSpeed's content moderation"}${codeNote}`;
  if (code !== undefined) return `${TASK_CODES[code] ?? "task failed"}${codeNote}: ${text || "no details given"}`;
  return text || "WaveSpeed reported the task as failed without giving a reason";
}

/** A task code is any non-success code the body carries (HTTP 200 bodies may hold 1200, 5004...). */
export function taskCodeOf(envelope: UpstreamEnvelope | undefined, data: UpstreamData): number | undefined {
  const candidates = [data.code, envelope?.code, envelope?.error_code].map((value) =>
    typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value,
  );
  return candidates.find((value): value is number => typeof value === "number" && (value < 200 || value >= 300));
}

export function toEngineState(data: UpstreamData, taskCode: number | undefined, secret: string): EngineState {
  const inferenceMs = Math.max(0, Math.round(data.timings?.inference ?? 0));
  if (data.status === "failed") {
    return { status: "failed", outputs: [], error: redact(describeFailure(data.error ?? "", taskCode), secret), inferenceMs };
  }
  const urls = data.status === "completed" ? (data.outputs ?? []) : [];
  if (data.status === "completed" && urls.length === 0) {
    throw new UpstreamError("bad_response", "WaveSpeed reported the task as completed but sent no output URLs");
  }
  const outputs = urls.map((url, index): EngineOutput => {
    if (!/^https?:\/\//i.test(url)) {
      throw new UpstreamError(
        "bad_response",
        `WaveSpeed sent an output that is not an http(s) URL: ${redact(url.slice(0, 80), secret)}`,
      );
    }
    return { kind: "url", url, nsfw: data.has_nsfw_contents?.[index] ?? false };
  });
  return { status: data.status, outputs, error: "", inferenceMs };
}
