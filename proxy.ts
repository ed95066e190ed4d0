import { type NextRequest, NextResponse } from "next/server";
import { decide, type GateDecision } from "@/lib/access/gate";
import { SESSION_COOKIE } from "@/lib/access/session";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { malformedPathResponse } from "@/lib/http/malformed-path";
import { HOLD_AS_HEADER } from "@/lib/pages/held-pages";
import { type PagePlan, planPage, REWRITE_HEADER, REWRITE_TOKEN } from "@/lib/pages/share-pages";

/**
 * The one gate every request passes (Next 16's proxy, on the Node runtime, in the server's own
 * process): the host, security headers, CSRF, who is asking, and the access policy of
 * lib/access/policy.ts. Route handlers do not decide access again. A request let through whose path
 * cannot be decoded is answered 400 here: Next would fail routing it and answer a bare 500. A
 * finished run's share page is sent on to its cached route (lib/pages/share-pages.ts), under a
 * policy without a nonce, and the page Next answers there is held for the next anonymous views
 * (lib/http/held-page-front.ts answers those through the same gate, before Next).
 */
export async function proxy(request: NextRequest) {
  const { predictions, access } = getServices();
  const reading = request.method === "GET" || request.method === "HEAD";
  const plan: PagePlan = reading
    ? await planPage(
        request.nextUrl.pathname,
        requestBaseUrl(request.headers),
        (id) => predictions.findState(id),
        request.headers.get(REWRITE_HEADER),
      )
    : { kind: "per-request" };
  // Gated, and its headers set, on the way in: the page answers with those.
  if (plan.kind === "rewritten") return NextResponse.next();
  const decision = await decide(access, {
    method: request.method,
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
    headers: request.headers,
    sessionCookie: request.cookies.get(SESSION_COOKIE)?.value,
    cached: plan.kind === "cached",
  });
  const response = (decision.kind === "pass" && malformedPathResponse(request)) || toResponse(request, decision, plan);
  for (const [name, value] of Object.entries(decision.responseHeaders)) response.headers.set(name, value);
  if (decision.kind === "pass" && plan.kind !== "not-found" && plan.cacheControl)
    response.headers.set("Cache-Control", plan.cacheControl);
  return response;
}

function toResponse(request: NextRequest, decision: GateDecision, plan: PagePlan): Response {
  if (decision.kind === "pass") {
    const forward = { request: { headers: decision.requestHeaders } };
    // The proxy runs again for the path it rewrites to; the secret header tells it that request was decided here.
    if (plan.kind === "cached" || plan.kind === "not-found") decision.requestHeaders.set(REWRITE_HEADER, REWRITE_TOKEN);
    if (plan.kind === "cached") {
      const response = NextResponse.rewrite(new URL(plan.path, request.url), forward);
      response.headers.set(HOLD_AS_HEADER, plan.path);
      return response;
    }
    // The cached route is reached only through the rewrite above.
    if (plan.kind === "not-found") return NextResponse.rewrite(new URL("/not-found", request.url), forward);
    return NextResponse.next(forward);
  }
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
