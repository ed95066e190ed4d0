import http from "node:http";
import zlib from "node:zlib";
import { log } from "../log";
import { HASH_INLINE_SCRIPTS_HEADER, inlineScriptHashes, withSources } from "./script-hashes";

const INSTALLED = Symbol.for("kontext-playground.hashed-responses");
/** Hashes by ETag, so a 304 can carry the policy its page was sent with; a few hundred pages is plenty. */
const MEMO_LIMIT = 500;
const memo = new Map<string, string[]>();

type Chunk = string | Uint8Array;
type Callback = (error?: Error | null) => void;

/**
 * A cached page cannot carry a nonce (every viewer gets the same HTML), so its inline scripts are
 * allowed by hash. Only the finished document tells which scripts those are: for a response whose
 * proxy decision named a directive in HASH_INLINE_SCRIPTS_HEADER, the body is held until it ends,
 * the inline scripts are hashed into that directive, and it is then sent whole. This sits under
 * Next's compression, so a compressed body is decoded to read it. Called once, from instrumentation;
 * only GET and HEAD requests for share pages (`/p/…`, the only cached pages) are watched.
 */
export function hashInlineScriptsOfCachedPages(): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function emitHoldingCachedPages(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      if ((request.method === "GET" || request.method === "HEAD") && request.url?.startsWith("/p/"))
        holdWhenMarked(args[1] as http.ServerResponse);
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

function holdWhenMarked(response: http.ServerResponse): void {
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
    applyHashes(this, body);
    // Sent whole, so with its length: a chunked Transfer-Encoding beside a Content-Length is a malformed answer.
    this.removeHeader("transfer-encoding");
    if (hold.head) hold.head = hold.head.map(withoutTransferEncoding);
    if (body.length > 0 || this.statusCode !== 304) this.setHeader("Content-Length", body.length);
    if (hold.head) (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, hold.head);
    return (end as (...a: unknown[]) => http.ServerResponse).call(this, body, callback);
  } as typeof response.end;
}

/** writeHead's headers argument (an object or a flat array) without Transfer-Encoding. */
function withoutTransferEncoding(argument: unknown): unknown {
  if (Array.isArray(argument)) {
    const pairs: unknown[] = [];
    for (let at = 0; at + 1 < argument.length; at += 2)
      if (String(argument[at]).toLowerCase() !== "transfer-encoding") pairs.push(argument[at], argument[at + 1]);
    return pairs;
  }
  if (argument && typeof argument === "object")
    return Object.fromEntries(Object.entries(argument).filter(([name]) => name.toLowerCase() !== "transfer-encoding"));
  return argument;
}

function applyHashes(response: http.ServerResponse, body: Buffer): void {
  const directive = String(response.getHeader(HASH_INLINE_SCRIPTS_HEADER));
  response.removeHeader(HASH_INLINE_SCRIPTS_HEADER);
  markPublic(response);
  const policy = response.getHeader("content-security-policy");
  if (typeof policy !== "string") return;
  const etag = response.getHeader("etag");
  const key = typeof etag === "string" ? etag : undefined;
  let hashes = key ? memo.get(key) : undefined;
  const isHtml = String(response.getHeader("content-type") ?? "").startsWith("text/html");
  if (!hashes && isHtml && body.length > 0) {
    try {
      hashes = inlineScriptHashes(decode(body, String(response.getHeader("content-encoding") ?? "identity")));
    } catch (error) {
      log.warn("could not read a cached page to hash its inline scripts", { error: String(error) });
    }
    if (hashes && key) remember(key, hashes);
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

function remember(key: string, hashes: string[]) {
  memo.delete(key);
  memo.set(key, hashes);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
}

const toBuffer = (chunk: Chunk, encoding: unknown) =>
  typeof chunk === "string"
    ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding)
    : Buffer.from(chunk);
