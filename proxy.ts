import type { NextRequest } from "next/server";
import { malformedPathResponse } from "@/lib/http/malformed-path";

/**
 * Runs before routing. A path that cannot be decoded never reaches a route: Next would fail matching
 * it and answer a bare 500, so it is answered 400 here.
 */
export function proxy(request: NextRequest) {
  return malformedPathResponse(request);
}

// Only paths with an escape in them: a request the proxy sees has its body buffered by Next, which
// then logs a client that aborts its upload as an error itself, out of the routes' reach.
export const config = { matcher: ["/api/(.*%.*)", "/p/(.*%.*)"] };
