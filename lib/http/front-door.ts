import type { IncomingHttpHeaders } from "node:http";

/** What the front door reads and sets of a request as it arrives: Node's own request object. */
export type ArrivingRequest = { url?: string; headers: IncomingHttpHeaders; socket: { remoteAddress?: string } };

/** The forwarding headers a proxy may set; each is read one way (`admit`), or not at all. */
const FORWARDING = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];
/** Those a trusted proxy's entry is kept of; the rest are never read. */
const TRUSTED = new Set(["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto"]);

/**
 * The first steps of every request, before Next and its proxy see it (server.ts):
 *
 * 1. An absolute-form request line (`GET http://host/path HTTP/1.1`) becomes origin-form, with the
 *    host it names as Host, as RFC 9112 asks; so the gate checks that host like any other, and
 *    Next never mistakes the target for a path to redirect to. A target that is neither is a 400.
 * 2. A path with repeated slashes or a backslash is sent to its clean form (`//a\b` to `/a/b`, the
 *    query kept): Next's own rule, answered here so the redirect carries the headers every answer
 *    does, where Next would answer it before its proxy adds them.
 * 3. Forwarding headers: without `trustProxy` a client could write anything there, so they are
 *    dropped; with it, each keeps only the entry the nearest proxy added (the last), never one a
 *    client put before it.
 * 4. X-Forwarded-For ends as the client's address: the socket's, or the trusted proxy's entry.
 *    Per-address limits read it (request-host.ts, `clientAddress`).
 *
 * Returns what to answer at once, or undefined to go on.
 */
export function admit(request: ArrivingRequest, options: { trustProxy: boolean }): FrontDoorAnswer | undefined {
  const target = request.url ?? "";
  if (!target.startsWith("/")) {
    const absolute = absoluteTarget(target);
    if (!absolute) return { status: 400 };
    request.url = absolute.pathname + absolute.search;
    request.headers.host = absolute.host;
  }
  const clean = cleanPath(request.url ?? "");
  if (clean) return { status: 308, location: clean };
  const { headers } = request;
  for (const name of FORWARDING) {
    const value = headers[name];
    if (value === undefined) continue;
    const last = (Array.isArray(value) ? value.join(",") : value).split(",").at(-1)?.trim();
    if (options.trustProxy && TRUSTED.has(name) && last) headers[name] = last;
    else delete headers[name];
  }
  headers["x-forwarded-for"] ??= request.socket.remoteAddress;
  return undefined;
}

/** The answer to a request the front door does not hand on: a bad target, or the clean form of its path. */
export type FrontDoorAnswer = { status: 400 } | { status: 308; location: string };

/** The target with its path's backslashes made slashes and repeated slashes made one; undefined when already so. */
function cleanPath(target: string): string | undefined {
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  if (!/\\|\/\//.test(path)) return undefined;
  return path.replace(/\\/g, "/").replace(/\/{2,}/g, "/") + (queryAt === -1 ? "" : target.slice(queryAt));
}

function absoluteTarget(target: string): URL | undefined {
  try {
    const url = new URL(target);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host ? url : undefined;
  } catch {
    return undefined;
  }
}
