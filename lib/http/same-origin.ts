import { AppError } from "../errors";

/**
 * Refuses a browser request sent from another site: a form on any page could otherwise post a
 * file here with the visitor's cookies. Scripts and curl send neither header and pass.
 */
export function requireSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("forbidden", "This request must come from the playground's own pages.");
  }
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && origin !== "null" && host && new URL(origin).host !== host.split(",")[0].trim()) {
    throw new AppError("forbidden", "This request must come from the playground's own pages.");
  }
}
