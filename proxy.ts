import { type NextRequest, NextResponse } from "next/server";
import { decide, type GateDecision } from "@/lib/access/gate";
import { SESSION_COOKIE } from "@/lib/access/session";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl, siteUrl } from "@/lib/http/base-url";
import { malformedPathResponse } from "@/lib/http/malformed-path";
import { ERROR_CACHE_CONTROL } from "@/lib/http/respond";
import { LIVE_PAGE_CONTROL, type PagePlan, planPage } from "@/lib/pages/share-pages";

/**
 * The one gate every request passes (Next 16's proxy, on the Node runtime, in the server's own
 * process): the host, security headers, CSRF, who is asking, and the access policy of
 * lib/access/policy.ts. Route handlers do not decide access again. A request let through whose path
 * cannot be decoded is answered 400 here: Next would fail routing it and answer a bare 500. A share
 * page goes to Next's cache when its run has finished (lib/pages/share-pages.ts), under the policy
 * stored with the page, or else is rewritten to the page rendered for the request.
 */
export async function proxy(request: NextRequest) {
  const { predictions, access } = getServices();
  const reading = request.method === "GET" || request.method === "HEAD";
  // Nothing is cached in development, where Next renders every page afresh.
  const cacheable = !access.config.development && requestBaseUrl(request.headers) === siteUrl();
  const page = reading ? await planPage(request.nextUrl.pathname, cacheable, (id) => predictions.findState(id)) : undefined;
  const decision = await decide(access, {
    method: request.method,
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
    headers: request.headers,
    sessionCookie: request.cookies.get(SESSION_COOKIE)?.value,
    cached: page?.kind === "cached",
  });
  const passed = decision.kind === "pass";
  const response = (passed && malformedPathResponse(request)) || toResponse(request, decision, page);
  for (const [name, value] of Object.entries(decision.responseHeaders)) {
    // A cached page comes with its own policy, which allows its inline scripts by hash (lib/pages/cache-handler.ts).
    if (!(passed && page?.kind === "cached" && name === "Content-Security-Policy")) response.headers.set(name, value);
  }
  if (passed && page?.kind === "live") response.headers.set("Cache-Control", LIVE_PAGE_CONTROL);
  return response;
}

function toResponse(request: NextRequest, decision: GateDecision, page: PagePlan | undefined): Response {
  if (decision.kind === "pass") {
    const forward = { request: { headers: decision.requestHeaders } };
    if (page?.kind !== "live" || page.path === request.nextUrl.pathname) return NextResponse.next(forward);
    // On this server's own origin, whatever scheme and host the request came under.
    const live = request.nextUrl.clone();
    live.pathname = page.path;
    return NextResponse.rewrite(live, forward);
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
  const headers: Record<string, string> = { ...error.headers(), "Cache-Control": ERROR_CACHE_CONTROL };
  if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="kontext-playground"';
  return NextResponse.json(error.toEnvelope(), { status: error.status, headers });
}
