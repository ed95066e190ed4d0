import "server-only";
import { parseWebhookBody, createWebhookSecretCache, verifyWebhookSignature } from "../engines/wavespeed/webhook";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { getPredictions, webhookUrlFor } from ".";

/** A rotated secret is fetched again at most this often, so forged calls cannot hammer the upstream. */
const REFETCH_AFTER_MS = 60_000;

type SecretCache = ReturnType<typeof createWebhookSecretCache> & { fetchedAt: number };
const holder = globalThis as typeof globalThis & { __kontextWebhookSecret?: SecretCache };

function secretCache(): SecretCache {
  const env = getEnv();
  holder.__kontextWebhookSecret ??= Object.assign(
    createWebhookSecretCache({ apiKey: env.WAVESPEED_API_KEY!, baseUrl: env.WAVESPEED_BASE_URL }),
    { fetchedAt: Date.now() },
  );
  return holder.__kontextWebhookSecret;
}

async function isSigned(headers: Headers, rawBody: string): Promise<boolean> {
  const cache = secretCache();
  if (verifyWebhookSignature({ headers, rawBody, secret: await cache.get() })) return true;
  if (Date.now() - cache.fetchedAt < REFETCH_AFTER_MS) return false;
  cache.invalidate();
  cache.fetchedAt = Date.now();
  return verifyWebhookSignature({ headers, rawBody, secret: await cache.get() });
}

/** Verifies a WaveSpeed webhook and hands its result to the tracker at once. */
export async function receiveWebhook(headers: Headers, rawBody: string): Promise<void> {
  if (!webhookUrlFor(getEnv())) throw new AppError("not_found", "Webhooks are not enabled on this server.");
  const signed = await isSigned(headers, rawBody).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : "unknown error";
    throw new AppError("upstream_unavailable", `The webhook secret could not be fetched: ${reason}`);
  });
  if (!signed) throw new AppError("unauthorized", "The webhook signature is missing, stale or invalid.");

  let parsed: ReturnType<typeof parseWebhookBody>;
  try {
    parsed = parseWebhookBody(rawBody);
  } catch (error) {
    throw new AppError("invalid_request", error instanceof Error ? error.message : "unreadable webhook body");
  }
  const known = await getPredictions().tracker.notify(parsed.upstreamId, parsed.state);
  if (!known) throw new AppError("not_found", `No prediction for task "${parsed.upstreamId}".`, "id");
}
