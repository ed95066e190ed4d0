import "server-only";
import { AppError } from "../errors";
import { ERROR_CACHE_CONTROL, errorResponse } from "./respond";

/**
 * A path Next cannot decode (`/api/predictions/%ZZ`, or escapes that are not UTF-8) ends as a bare
 * `500 text/plain` once routing tries to read its parameters. It is the client's mistake: a 400,
 * in the error envelope under /api. Undefined for a path that decodes.
 */
export function malformedPathResponse(request: Request): Response | undefined {
  const { pathname } = new URL(request.url);
  if (decodes(pathname)) return undefined;
  const message = "The path is not valid percent-encoding: each % must be followed by two hex digits that spell UTF-8.";
  if (pathname.startsWith("/api/")) return errorResponse(new AppError("invalid_request", message, "path"));
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": ERROR_CACHE_CONTROL };
  return new Response(`Bad request. ${message}\n`, { status: 400, headers });
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
