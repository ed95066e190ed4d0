/**
 * The proxy names the owner behind each request in this header (and strips any a client sent),
 * so a route can hand it to a service: submits are counted per owner session or token.
 */
export const CALLER_HEADER = "x-kontext-caller";

/** `session:<id>`, `token`, or `address:<ip>` on a server without ACCESS_TOKEN; undefined for a guest. */
export const callerFrom = (headers: Headers): string | undefined => headers.get(CALLER_HEADER) ?? undefined;
