import "server-only";
import { type EngineState, UpstreamError } from "../types";
import { readBody, upstreamMessage, whyUnreadable } from "./body";
import { taskCodeOf, toEngineState, upstreamDataSchema } from "./envelope";
import { exchange, parseJson } from "./http";
import { redact } from "./redact";

export { DEFAULT_TOLERANCE_SECONDS, signWebhook, verifyWebhookSignature } from "./signature";

/** The path is WaveSpeed's documented one (wavespeed.ai/docs/docs-api/verifying_webhook). */
export const WEBHOOK_SECRET_PATH = "/api/v3/webhook/secret";

export type WebhookSecretConfig = { apiKey: string; baseUrl: string; fetchImpl?: typeof fetch; timeoutMs?: number };

/** One GET of the account's webhook secret ("whsec_..."; the prefix is stripped when signing). */
export async function fetchWebhookSecret(config: WebhookSecretConfig): Promise<string> {
  const key = config.apiKey;
  const url = `${config.baseUrl.replace(/\/+$/, "")}${WEBHOOK_SECRET_PATH}`;
  const init = { method: "GET", headers: { Authorization: `Bearer ${key}`, Accept: "application/json" } };
  const result = await exchange(config.fetchImpl ?? fetch, url, init, config.timeoutMs ?? 15_000);
  if (!result.ok) {
    const kind = result.failure === "timeout" ? "timeout" : "unavailable";
    throw new UpstreamError(kind, redact(`could not fetch the WaveSpeed webhook secret (${result.detail})`, key));
  }
  if (result.status === 401 || result.status === 403) throw new UpstreamError("auth", "the WaveSpeed API key was rejected");
  const body = readBody(result.text);
  if (result.status < 200 || result.status >= 300) {
    const kind = result.status === 429 ? "rate_limited" : result.status >= 500 ? "unavailable" : "rejected";
    throw new UpstreamError(
      kind,
      `WaveSpeed refused the webhook secret request (HTTP ${result.status}): ${upstreamMessage(body, key)}`,
    );
  }
  const data = body.kind === "envelope" ? body.envelope.data : undefined;
  const secret = typeof data === "string" ? data : (data as { secret?: unknown } | undefined)?.secret;
  if (typeof secret !== "string" || !secret) {
    throw new UpstreamError(
      "bad_response",
      `WaveSpeed answered the webhook secret request with ${whyUnreadable(body, key)} and no secret`,
    );
  }
  return secret;
}

/**
 * The secret, fetched once and kept in memory. Concurrent callers share one
 * request; a failed fetch is not cached. invalidate() after a signature
 * mismatch lets a rotated secret be picked up.
 */
export function createWebhookSecretCache(config: WebhookSecretConfig) {
  let pending: Promise<string> | undefined;
  return {
    get(): Promise<string> {
      pending ??= fetchWebhookSecret(config).catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
    invalidate() {
      pending = undefined;
    },
  };
}

/**
 * A webhook body to the app's state. WaveSpeed posts the bare task object
 * (id, status, outputs...); an enveloped body ({code, message, data}) is read too.
 */
export function parseWebhookBody(raw: string): { upstreamId: string; state: EngineState } {
  const json = parseJson(raw);
  if (!json.ok) throw new UpstreamError("bad_response", "the webhook body is not JSON");
  const bare = upstreamDataSchema.safeParse(json.value);
  if (bare.success) return { upstreamId: bare.data.id, state: toEngineState(bare.data, taskCodeOf(undefined, bare.data), "") };
  const body = readBody(raw);
  if (body.kind === "envelope" && body.data) {
    return { upstreamId: body.data.id, state: toEngineState(body.data, taskCodeOf(body.envelope, body.data), "") };
  }
  throw new UpstreamError("bad_response", `the webhook body is ${whyUnreadable(body, "")}`);
}
