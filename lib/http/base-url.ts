import { getEnv } from "../env";

/**
 * The absolute base for links we hand out: PUBLIC_URL when set, otherwise the
 * host the request came to, so links work on whatever address was used.
 */
export function requestBaseUrl(headers: Headers): string {
  const configured = getEnv().PUBLIC_URL;
  if (configured) return configured;
  const host = firstValue(headers.get("x-forwarded-host")) ?? headers.get("host") ?? `localhost:${getEnv().PORT}`;
  const proto = firstValue(headers.get("x-forwarded-proto")) ?? "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

const firstValue = (value: string | null) => value?.split(",")[0]?.trim() || undefined;
