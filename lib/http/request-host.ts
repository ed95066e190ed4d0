import { isIP } from "node:net";

/**
 * Which host a request was for, whether this server answers to it, and who sent it.
 * Forwarding headers count only with TRUST_PROXY, when a reverse proxy in front sets them.
 */
export type HostRules = {
  /** PUBLIC_URL: when set, the only host this server answers to. */
  publicUrl?: string;
  /** HOST is a loopback address, so only this machine can connect. */
  loopbackBind: boolean;
  trustProxy: boolean;
};

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);
const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/** The entry the nearest proxy added: a proxy that appends puts its own after whatever the client sent. */
const lastValue = (value: string | null) => value?.split(",").at(-1)?.trim() || undefined;

/** `host[:port]`, lower-cased; undefined when the text is not a host. */
export function parseHost(value: string): { hostname: string; port: string } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match) return undefined;
  return { hostname: match[1]!.toLowerCase(), port: match[2] ?? "" };
}

/** The host the client asked for: the proxy's X-Forwarded-Host when trusted, else Host; never anything but a host. */
export function requestedHost(headers: Headers, trustProxy: boolean): string | undefined {
  const candidates = [trustProxy ? lastValue(headers.get("x-forwarded-host")) : undefined, headers.get("host")];
  return candidates.find((host) => host && parseHost(host))?.trim();
}

export function requestedProto(headers: Headers, trustProxy: boolean): "http" | "https" {
  return trustProxy && lastValue(headers.get("x-forwarded-proto"))?.toLowerCase() === "https" ? "https" : "http";
}

/** The absolute base for links: PUBLIC_URL, else the requested host; `fallback` when the host is refused or missing. */
export function baseUrlFor(headers: Headers, rules: HostRules, fallback: string): string {
  if (rules.publicUrl) return rules.publicUrl;
  const host = requestedHost(headers, rules.trustProxy);
  if (!host || hostRefusal(headers, rules)) return fallback;
  return `${requestedProto(headers, rules.trustProxy)}://${host}`;
}

/** Why this server will not answer for the request's host; undefined when it will. */
export function hostRefusal(headers: Headers, rules: HostRules): string | undefined {
  if (rules.publicUrl) {
    const expected = new URL(rules.publicUrl);
    const asked = parseHost(requestedHost(headers, rules.trustProxy) ?? "");
    const port = asked?.port || DEFAULT_PORTS[expected.protocol];
    const matches = asked?.hostname === expected.hostname && port === (expected.port || DEFAULT_PORTS[expected.protocol]);
    return matches ? undefined : `This server answers to ${expected.host} only (PUBLIC_URL).`;
  }
  // The Host header itself, also behind a trusted proxy: a DNS-rebinding page can add headers, not change Host.
  const host = parseHost(headers.get("host") ?? "");
  if (host && LOOPBACK_NAMES.has(host.hostname)) return undefined;
  // A rebinding attack needs a name it controls; a bare IP address cannot be one.
  if (host && !rules.loopbackBind && isIP(host.hostname.replace(/^\[|\]$/g, ""))) return undefined;
  return `This server does not answer to the host "${headers.get("host") ?? ""}"; set PUBLIC_URL to serve a domain name.`;
}

/**
 * The host asked for is a bare IP address (a load balancer or a scraper asking one instance), which no
 * rebinding page can send. Behind a trusted proxy that is the name the proxy forwards, when it forwards one.
 */
export function isAddressHost(headers: Headers, trustProxy: boolean): boolean {
  const host = parseHost(requestedHost(headers, trustProxy) ?? "");
  return Boolean(host && isIP(host.hostname.replace(/^\[|\]$/g, "")));
}

/**
 * The address a request came from, for per-client limits: the last X-Forwarded-For entry. The
 * front door (server.ts, through `admit` in front-door.ts) leaves there the socket's own address, or
 * with TRUST_PROXY the entry the nearest proxy appended.
 */
export function clientAddress(headers: Headers): string {
  return lastValue(headers.get("x-forwarded-for")) ?? "unknown";
}
