import http from "node:http";
import type { AccessService } from "../access/access-service";
import { decide } from "../access/gate";
import { SESSION_COOKIE } from "../access/session";
import { log } from "../log";
import { heldAnswer, heldPages } from "../pages/held-pages";
import { planPage, type RunState, SHARE_PAGE } from "../pages/share-pages";
import { requestBaseUrl } from "./base-url";
import { HASH_INLINE_SCRIPTS_HEADER } from "./script-hashes";

const INSTALLED = Symbol.for("kontext-playground.held-page-front");

/** What the front asks of the services, taken when a view comes (they open on first use). */
export type FrontServices = () => {
  access: AccessService;
  predictions: { findState(id: string): Promise<RunState | undefined> };
};

// A client-side navigation asks for flight data under these; only Next answers those.
const FLIGHT_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch"];

/**
 * A share link gone viral is viewed by people who are not signed in, asking for a page that is the
 * same for all of them. Such a view is answered here, before Next, from the page Next sent last
 * (lib/pages/held-pages.ts), once it has passed the same gate (`decide`) and the same plan
 * (`planPage`, one status lookup) the proxy applies: a wrong host is still refused, the security
 * headers are the same, and a run changed or deleted since is never answered from here. Anything
 * else (a signed-in owner, a Bearer token, flight data, a page not held) goes on to Next and the
 * proxy as usual. Called once, from instrumentation, before the hooks that must see a request first.
 */
export function answerHeldPagesBeforeNext(services: FrontServices): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function emitAnsweringHeldPages(this: http.Server, event: string | symbol, ...args: unknown[]) {
    const onToNext = () => emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    if (event !== "request") return onToNext();
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    if (!mayBeHeld(request)) return onToNext();
    answerFromHeld(services, request, response).then(
      (answered) => answered || onToNext(),
      (error) => {
        log.warn("a held share page could not be answered; Next answers it", { error: String(error) });
        if (!response.headersSent) onToNext();
      },
    );
    return true;
  } as typeof emit;
}

/** An anonymous GET or HEAD of a share page, and something held: decided without waiting on anything. */
function mayBeHeld(request: http.IncomingMessage): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (!request.url?.startsWith("/p/") || heldPages().size === 0) return false;
  const { headers } = request;
  if (headers.authorization !== undefined || FLIGHT_HEADERS.some((name) => headers[name] !== undefined)) return false;
  return !headers.cookie?.includes(`${SESSION_COOKIE}=`);
}

async function answerFromHeld(
  services: FrontServices,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<boolean> {
  const url = new URL(request.url!, "http://held.invalid");
  if (!SHARE_PAGE.test(url.pathname)) return false;
  const { predictions, access } = services();
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);

  const decision = await decide(access, {
    method: request.method!,
    pathname: url.pathname,
    search: url.search,
    headers,
    cached: true,
  });
  if (decision.kind !== "pass") return false;
  const plan = await planPage(url.pathname, requestBaseUrl(headers), (id) => predictions.findState(id));
  const page = plan.kind === "cached" ? heldPages().find(plan.path) : undefined;
  if (plan.kind !== "cached" || !page) return false;

  const answer = heldAnswer(page, request);
  for (const [name, value] of Object.entries(decision.responseHeaders)) {
    const lower = name.toLowerCase();
    // The page's own policy, with its scripts' hashes, comes with the page.
    if (lower !== "content-security-policy" && lower !== HASH_INLINE_SCRIPTS_HEADER) response.setHeader(name, value);
  }
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  response.setHeader("cache-control", plan.cacheControl);
  response.statusCode = answer.status;
  response.end(answer.body);
  return true;
}
