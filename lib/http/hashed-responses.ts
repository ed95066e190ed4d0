import http from "node:http";
import zlib from "node:zlib";
import { LRUCache } from "lru-cache";
import { log } from "../log";
import { HOLD_AS_HEADER, heldPages } from "../pages/held-pages";
import { HASH_INLINE_SCRIPTS_HEADER, inlineScriptHashes, withSources } from "./script-hashes";

const INSTALLED = Symbol.for("kontext-playground.hashed-responses");
/** Hashes by ETag, so a 304 can carry the policy its page was sent with; a few hundred pages is plenty. */
const memo = new LRUCache<string, string[]>({ max: 500 });

type Chunk = string | Uint8Array;
type Callback = (error?: Error | null) => void;

/**
 * A cached page cannot carry a nonce (every viewer gets the same HTML), so its inline scripts are
 * allowed by hash. Only the finished document tells which scripts those are: for a response whose
 * proxy decision named a directive in HASH_INLINE_SCRIPTS_HEADER, the body is held until it ends,
 * the inline scripts are hashed into that directive, and it is then sent whole. This sits under
 * Next's compression, so a compressed body is decoded to read it. A page the proxy marked with
 * HOLD_AS_HEADER is then kept whole (lib/pages/held-pages.ts) to answer its next views.
 * Called once, from instrumentation; only GET and HEAD requests for share pages (`/p/…`, the only
 * cached pages) are watched.
 */
export function hashInlineScriptsOfCachedPages(): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function emitHoldingCachedPages(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      if ((request.method === "GET" || request.method === "HEAD") && request.url?.startsWith("/p/")) {
        holdWhenMarked(request, args[1] as http.ServerResponse);
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

function holdWhenMarked(request: http.IncomingMessage, response: http.ServerResponse): void {
  const { writeHead, write, end } = response;
  let held: { chunks: Buffer[]; head?: unknown[] } | undefined;
  const holding = () => {
    if (!held && response.getHeader(HASH_INLINE_SCRIPTS_HEADER) !== undefined) held = { chunks: [] };
    return held;
  };

  response.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const hold = holding();
    if (!hold) return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
    hold.head = args;
    return this;
  } as typeof response.writeHead;

  response.write = function (this: http.ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    const hold = holding();
    if (!hold) return (write as (...a: unknown[]) => boolean).apply(this, [chunk, ...rest]);
    hold.chunks.push(toBuffer(chunk, rest[0]));
    const callback = rest.find((value): value is Callback => typeof value === "function");
    if (callback) process.nextTick(callback);
    return true;
  } as typeof response.write;

  response.end = function (this: http.ServerResponse, ...args: unknown[]) {
    const hold = holding();
    if (!hold) return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
    const callback = args.find((value): value is Callback => typeof value === "function");
    const chunk = typeof args[0] === "function" ? undefined : (args[0] as Chunk | null | undefined);
    if (chunk) hold.chunks.push(toBuffer(chunk, args[1]));
    const body = Buffer.concat(hold.chunks);
    // Decoded at most once, and only when the hashes are not remembered or the page is to be kept.
    let html: string | undefined | null = null;
    const readHtml = () => {
      if (html === null) html = htmlOf(this, body);
      return html;
    };
    applyHashes(this, readHtml);
    const holdAs = this.getHeader(HOLD_AS_HEADER);
    this.removeHeader(HOLD_AS_HEADER);
    // Sent whole, so with its length: a chunked Transfer-Encoding beside a Content-Length is a malformed answer.
    this.removeHeader("transfer-encoding");
    if (hold.head) hold.head = hold.head.map(withoutInternalHeaders);
    if (body.length > 0 || this.statusCode !== 304) this.setHeader("Content-Length", body.length);
    if (hold.head) (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, hold.head);
    // After writeHead: only then are its status and headers the response's own.
    if (typeof holdAs === "string") keepForNextViews(request, this, holdAs, readHtml);
    return (end as (...a: unknown[]) => http.ServerResponse).call(this, body, callback);
  } as typeof response.end;
}

const DROPPED_FROM_HEAD = new Set(["transfer-encoding", HOLD_AS_HEADER]);

/** writeHead's headers argument (an object or a flat array) without Transfer-Encoding or the hold mark. */
function withoutInternalHeaders(argument: unknown): unknown {
  if (Array.isArray(argument)) {
    const pairs: unknown[] = [];
    for (let at = 0; at + 1 < argument.length; at += 2)
      if (!DROPPED_FROM_HEAD.has(String(argument[at]).toLowerCase())) pairs.push(argument[at], argument[at + 1]);
    return pairs;
  }
  if (argument && typeof argument === "object")
    return Object.fromEntries(Object.entries(argument).filter(([name]) => !DROPPED_FROM_HEAD.has(name.toLowerCase())));
  return argument;
}

/**
 * A whole GET answer of HTML (not the flight data a client-side navigation asks for) is kept for
 * the path the proxy named, unless Next served it stale while rendering it again.
 */
function keepForNextViews(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  path: string,
  readHtml: () => string | undefined,
) {
  if (request.method !== "GET" || request.headers.rsc || response.getHeader("x-nextjs-cache") === "STALE") return;
  const html = readHtml();
  if (html === undefined) return;
  heldPages().hold(path, { status: response.statusCode, headers: response.getHeaders(), html: Buffer.from(html, "utf8") });
}

/** The HTML of a response, decoded from whatever encoding Next gave it; undefined for anything else. */
function htmlOf(response: http.ServerResponse, body: Buffer): string | undefined {
  if (!String(response.getHeader("content-type") ?? "").startsWith("text/html") || body.length === 0) return undefined;
  try {
    return decode(body, String(response.getHeader("content-encoding") ?? "identity"));
  } catch (error) {
    log.warn("could not read a cached page to hash its inline scripts", { error: String(error) });
    return undefined;
  }
}

/** Adds the hashes of the page's inline scripts to the policy: remembered by ETag, else read from the HTML. */
function applyHashes(response: http.ServerResponse, readHtml: () => string | undefined): void {
  const directive = String(response.getHeader(HASH_INLINE_SCRIPTS_HEADER));
  response.removeHeader(HASH_INLINE_SCRIPTS_HEADER);
  markPublic(response);
  const policy = response.getHeader("content-security-policy");
  if (typeof policy !== "string") return;
  const etag = response.getHeader("etag");
  const key = typeof etag === "string" ? etag : undefined;
  let hashes = key ? memo.get(key) : undefined;
  if (!hashes) {
    const html = readHtml();
    hashes = html === undefined ? undefined : inlineScriptHashes(html);
    if (hashes && key) memo.set(key, hashes);
  }
  if (hashes) response.setHeader("content-security-policy", withSources(policy, directive, hashes));
  // A 304 whose hashes are not known here keeps the policy the browser already has for the page.
  else if (response.statusCode === 304) response.removeHeader("content-security-policy");
}

/**
 * Next sends a cached page as `s-maxage=…, stale-while-revalidate=…` and overwrites any
 * Cache-Control set before it; the same page for everyone is said to be `public` here.
 */
function markPublic(response: http.ServerResponse): void {
  const control = response.getHeader("cache-control");
  if (typeof control === "string" && control.startsWith("s-maxage=")) response.setHeader("cache-control", `public, ${control}`);
}

function decode(body: Buffer, encoding: string): string {
  const kind = encoding.toLowerCase();
  if (kind === "gzip" || kind === "x-gzip") return zlib.gunzipSync(body).toString("utf8");
  if (kind === "br") return zlib.brotliDecompressSync(body).toString("utf8");
  if (kind === "deflate") return zlib.inflateSync(body).toString("utf8");
  return body.toString("utf8");
}

const toBuffer = (chunk: Chunk, encoding: unknown) =>
  typeof chunk === "string"
    ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding)
    : Buffer.from(chunk);
