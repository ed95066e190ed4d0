import "server-only";
import { AppError } from "../../errors";
import type { WebhookInbox } from "../types";
import { createWebhookSecretCache, parseWebhookBody, verifyWebhookSignature } from "./webhook";

/** A rotated secret is fetched again at most this often, so forged calls cannot hammer the upstream. */
const REFETCH_AFTER_MS = 60_000;

/** Verifies WaveSpeed's signed deliveries and reads them as the app's state. */
export function createWavespeedWebhookInbox(config: { apiKey: string; baseUrl: string }): WebhookInbox {
  const secrets = createWebhookSecretCache(config);
  let fetchedAt = Date.now();

  async function isSigned(headers: Headers, rawBody: string): Promise<boolean> {
    if (verifyWebhookSignature({ headers, rawBody, secret: await secrets.get() })) return true;
    if (Date.now() - fetchedAt < REFETCH_AFTER_MS) return false;
    secrets.invalidate();
    fetchedAt = Date.now();
    return verifyWebhookSignature({ headers, rawBody, secret: await secrets.get() });
  }

  return {
    async read(headers, rawBody) {
      const signed = await isSigned(headers, rawBody).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : "unknown error";
        throw new AppError("upstream_unavailable", `The webhook secret could not be fetched: ${reason}`);
      });
      if (!signed) throw new AppError("unauthorized", "The webhook signature is missing, stale or invalid.");
      try {
        return parseWebhookBody(rawBody);
      } catch (error) {
        throw new AppError("invalid_request", error instanceof Error ? error.message : "unreadable webhook body");
      }
    },
  };
}
