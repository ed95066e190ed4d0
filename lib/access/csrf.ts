import { AppError } from "../errors";

/**
 * What stops another site from making a signed-in browser act: a form or a simple request can
 * only send form and text bodies, and a browser tells where a request came from.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isMutating = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

const hasBody = (headers: Headers) => Number(headers.get("content-length") ?? "0") > 0 || headers.has("transfer-encoding");

/**
 * 415 unless a mutating request's body is declared one of `accepted` (JSON, but for the few routes
 * that take files: lib/access/policy.ts). A DELETE with no body needs no type: no form can send one,
 * and a cross-site script cannot without a CORS preflight this server never grants.
 */
export function contentTypeRefusal(method: string, headers: Headers, accepted: readonly string[]): AppError | undefined {
  if (!isMutating(method)) return undefined;
  const type = headers.get("content-type");
  if (!type && method.toUpperCase() === "DELETE" && !hasBody(headers)) return undefined;
  if (accepted.includes(type?.split(";")[0]?.trim().toLowerCase() ?? "")) return undefined;
  return new AppError(
    "unsupported_media_type",
    `A ${method.toUpperCase()} here must be sent with Content-Type: ${accepted.join(" or ")}${type ? `, not ${type}` : ""}.`,
  );
}

/** same: the browser says this site's own page sent it; cross: another site did; unknown: no browser said. */
export function requestSite(headers: Headers, ownOrigin: string): "same" | "cross" | "unknown" {
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin" ? "same" : "cross";
  const origin = headers.get("origin");
  if (origin) return origin === ownOrigin ? "same" : "cross";
  return "unknown";
}

export const crossSiteRefusal = () =>
  new AppError("forbidden", "This request came from another site's page, so it was refused; use this site's own pages.");
