import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * WaveSpeed's webhook signature, as its docs describe it
 * (wavespeed.ai/docs/docs-api/verifying_webhook):
 *   headers  webhook-id, webhook-timestamp (unix seconds), webhook-signature: "v3,<hex>"
 *   content  `${webhook-id}.${webhook-timestamp}.${raw body}`
 *   key      the secret from GET /api/v3/webhook/secret with its "whsec_" prefix
 *            removed, used as UTF-8 text (not base64-decoded, unlike Standard Webhooks)
 *   max age  300 s
 * Kept free of server-only imports: the fake upstream signs with it too.
 */
export const SIGNATURE_VERSION = "v3";
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmacKey = (secret: string) => secret.replace(/^whsec_/, "");

export function computeSignature(secret: string, id: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac("sha256", hmacKey(secret)).update(`${id}.${timestamp}.`).update(rawBody).digest("hex");
}

/** The three headers for one delivery. */
export function signWebhook(secret: string, id: string, rawBody: string, now = Date.now()) {
  const timestamp = String(Math.floor(now / 1000));
  return {
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": `${SIGNATURE_VERSION},${computeSignature(secret, id, timestamp, rawBody)}`,
  };
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(found) ? found[0] : found;
}

export function verifyWebhookSignature(args: {
  headers: HeaderSource;
  rawBody: string | Buffer;
  secret: string;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  const id = header(args.headers, "webhook-id");
  const timestamp = header(args.headers, "webhook-timestamp");
  const signatures = header(args.headers, "webhook-signature");
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return false;
  const ageSeconds = Math.abs((args.now ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > (args.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;

  const expected = Buffer.from(computeSignature(args.secret, id, timestamp, args.rawBody), "utf8");
  // Several space-separated signatures may come during a secret rotation.
  return signatures.split(/\s+/).some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== SIGNATURE_VERSION || !value) return false;
    const given = Buffer.from(value.toLowerCase(), "utf8");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
