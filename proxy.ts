import { type NextRequest, NextResponse } from "next/server";
import { decide, type GateDecision } from "@/lib/access/gate";
import { SESSION_COOKIE } from "@/lib/access/session";
import { getServices } from "@/lib/composition-root";
import { malformedPathResponse } from "@/lib/http/malformed-path";

/**
 * The one gate every request passes (Next 16's proxy, on the Node runtime, in the server's own
 * process): the host, security headers, CSRF, who is asking, and the access policy of
 * lib/access/policy.ts. Route handlers do not decide access again. A request let through whose path
 * cannot be decoded is answered 400 here: Next would fail routing it and answer a bare 500.
 */
export async function proxy(request: NextRequest) {
  const decision = await decide(getServices().access, {
    method: request.method,
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
    headers: request.headers,
    sessionCookie: request.cookies.get(SESSION_COOKIE)?.value,
  });
  const response = (decision.kind === "pass" && malformedPathResponse(request)) || toResponse(request, decision);
  for (const [name, value] of Object.entries(decision.responseHeaders)) response.headers.set(name, value);
  return response;
}

function toResponse(request: NextRequest, decision: GateDecision): Response {
  if (decision.kind === "pass") return NextResponse.next({ request: { headers: decision.requestHeaders } });
  if (decision.kind === "sign-in") {
    const returnTo = new URL(decision.returnTo, request.nextUrl);
    returnTo.searchParams.delete("_rsc");
    const login = request.nextUrl.clone();
    login.pathname = "/login";
    login.search = `?next=${encodeURIComponent(returnTo.pathname + returnTo.search)}`;
    return NextResponse.redirect(login, 307);
  }
  const { error } = decision;
  const headers: Record<string, string> = error.headers();
  if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="kontext-playground"';
  return NextResponse.json(error.toEnvelope(), { status: error.status, headers });
}
