import { AppError, isAppError } from "../errors";
import { baseUrlFor, hostRefusal, isAddressHost } from "../http/request-host";
import type { AccessService, Identity } from "./access-service";
import { CALLER_HEADER } from "./caller";
import { contentTypeRefusal, crossSiteRefusal, isMutating, requestSite } from "./csrf";
import { answersOnAddress, audienceFor, bodyTypesFor, isApiPath } from "./policy";
import { newNonce, securityHeaders } from "./security-headers";

export type GateRequest = {
  method: string;
  pathname: string;
  search: string;
  headers: Headers;
  sessionCookie?: string;
  /** A page served from the cache, the same for every viewer: its inline scripts are allowed by hash, not nonce. */
  cached?: boolean;
};

/** pass: on to the route, with these request headers; refuse: answer the error; sign-in: send a guest to /login. */
export type GateDecision = { responseHeaders: Record<string, string> } & (
  | { kind: "pass"; requestHeaders: Headers }
  | { kind: "refuse"; error: AppError }
  | { kind: "sign-in"; returnTo: string }
);

/** Request headers only the proxy may set; whatever a client sent under these names is dropped. */
const PROXY_HEADERS = [CALLER_HEADER, "x-nonce"];

/**
 * Every request passes here first (proxy.ts), in this order: the host, the security headers,
 * CSRF for anything that changes state, who is asking, and whether the access policy lets them.
 */
export async function decide(access: AccessService, request: GateRequest): Promise<GateDecision> {
  const { config } = access;
  const nonce = request.cached ? undefined : newNonce();
  const headers = securityHeaders({
    scripts: nonce ? { kind: "nonce", nonce } : { kind: "hashed" },
    https: config.https,
    development: config.development,
    knownScriptHashes: config.knownScriptHashes,
  });
  const refuse = (error: AppError): GateDecision => ({ kind: "refuse", error, responseHeaders: headers });

  const wrongHost = hostRefusal(request.headers, config.hosts);
  const operatorProbe =
    isAddressHost(request.headers, config.hosts.trustProxy) && answersOnAddress(request.method, request.pathname);
  if (wrongHost && !operatorProbe) return refuse(new AppError("misdirected", wrongHost));

  const mutating = isMutating(request.method);
  const site = requestSite(request.headers, new URL(baseUrlFor(request.headers, config.hosts, "http://invalid")).origin);
  if (mutating) {
    const refusal = contentTypeRefusal(request.method, request.headers, bodyTypesFor(request.method, request.pathname));
    if (refusal) return refuse(refusal);
    if (site === "cross") return refuse(crossSiteRefusal());
  }

  const audience = audienceFor(request.method, request.pathname, request.search);
  // A scraper's METRICS_TOKEN opens its one path; it is not the owner's token, so it is not checked as one.
  const scraper = audience === "scraper" && access.presentsMetricsToken(request.headers);
  let identity: Identity = { owner: false };
  try {
    if (!scraper) identity = await access.identify(request.headers, request.sessionCookie);
  } catch (error) {
    if (isAppError(error)) return refuse(error);
    throw error;
  }
  // A cookie rides along with any request the browser makes, so it counts only from our own pages.
  if (mutating && identity.owner && identity.via === "session" && site !== "same") return refuse(crossSiteRefusal());

  if (!identity.owner && !scraper && audience !== "anyone") {
    if (audience === "owner" && !isApiPath(request.pathname))
      return { kind: "sign-in", returnTo: request.pathname + request.search, responseHeaders: headers };
    const how =
      audience === "scraper"
        ? "Authorization: Bearer <ACCESS_TOKEN or METRICS_TOKEN>"
        : "a session, or Authorization: Bearer <ACCESS_TOKEN>";
    return refuse(new AppError("unauthorized", `Sign in first: this is for the owner of this playground (${how}).`));
  }

  const requestHeaders = new Headers(request.headers);
  for (const name of PROXY_HEADERS) requestHeaders.delete(name);
  if (identity.owner) requestHeaders.set(CALLER_HEADER, identity.caller);
  // Next reads the nonce from the request's CSP and puts it on every script it renders.
  if (nonce) requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]!);
  return { kind: "pass", requestHeaders, responseHeaders: headers };
}
