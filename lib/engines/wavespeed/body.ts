import { type UpstreamData, type UpstreamEnvelope, upstreamDataSchema, upstreamEnvelopeSchema } from "./envelope";
import { parseJson } from "./http";
import { redact, snippet } from "./redact";

/** An upstream answer body, read as far as it goes. */
export type Body =
  | { kind: "not_json"; text: string }
  | { kind: "other_json" }
  | { kind: "envelope"; envelope: UpstreamEnvelope; data?: UpstreamData; dataIssue?: string };

export function readBody(text: string): Body {
  const json = parseJson(text);
  if (!json.ok) return { kind: "not_json", text };
  const envelope = upstreamEnvelopeSchema.safeParse(json.value);
  if (!envelope.success || !looksLikeEnvelope(envelope.data)) return { kind: "other_json" };
  if (envelope.data.data == null) return { kind: "envelope", envelope: envelope.data };
  const data = upstreamDataSchema.safeParse(envelope.data.data);
  if (data.success) return { kind: "envelope", envelope: envelope.data, data: data.data };
  const issue = data.error.issues[0];
  const where = issue?.path.length ? `data.${issue.path.join(".")}` : "data";
  return { kind: "envelope", envelope: envelope.data, dataIssue: `${where}: ${issue?.message ?? "invalid"}` };
}

// `{}` parses as an envelope with everything optional; demand at least one telling field.
const looksLikeEnvelope = (envelope: UpstreamEnvelope) =>
  envelope.code != null || envelope.message != null || envelope.data != null || envelope.error != null;

/**
 * A non-success code carried by a 2xx body with no data, which some gateways
 * use instead of the HTTP status; otherwise the HTTP status itself.
 */
export function effectiveStatus(httpStatus: number, body: Body): number {
  if (httpStatus < 200 || httpStatus >= 300 || body.kind !== "envelope") return httpStatus;
  const code = body.envelope.code;
  const dataless = body.envelope.data == null;
  return dataless && typeof code === "number" && code >= 400 && code < 600 ? code : httpStatus;
}

/** The upstream's own words for an error answer, with its error_code when it gave one. */
export function upstreamMessage(body: Body, secret: string): string {
  if (body.kind === "not_json") return snippet(body.text, secret);
  if (body.kind === "other_json") return "an unexpected JSON body";
  const { message, error, error_code: code } = body.envelope;
  const text = [message, error].filter((part) => part?.trim()).join(": ") || "no message";
  return redact(code != null && code !== "" ? `${text} (${code})` : text, secret);
}

/** Why a body could not be read as the contract's envelope, for bad_response messages. */
export function whyUnreadable(body: Body, secret: string): string {
  if (body.kind === "not_json") return `a body that is not JSON ("${snippet(body.text, secret)}")`;
  if (body.kind === "other_json") return "JSON that is not the prediction envelope";
  if (body.dataIssue) return `an envelope with an invalid ${redact(body.dataIssue, secret)}`;
  return "an envelope without data";
}
