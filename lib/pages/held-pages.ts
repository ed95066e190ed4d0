import type { IncomingHttpHeaders } from "node:http";
import zlib from "node:zlib";
import fresh from "fresh";
import { LRUCache } from "lru-cache";
import Negotiator from "negotiator";
import { predictionTag, SHARE_PAGE_REVALIDATE_S } from "./share-pages";

/**
 * A finished run's share page as Next last sent it, kept in this process so that the next views
 * are answered before Next (lib/http/held-page-front.ts): a viral link costs one gate and one status
 * lookup per view, not a trip through Next's page pipeline. Next still renders the page (ISR, once
 * per edition); this only keeps the bytes of that answer, as a CDN in front would, for the minute
 * Next would serve them.
 */
export type HeldPage = {
  /** The page's own headers as sent, its CSP carrying the hashes of its inline scripts. */
  headers: Array<[string, string]>;
  /** The HTML, uncompressed. */
  body: Buffer;
  /** The same, gzipped once for every viewer that accepts it. */
  gzipped: Buffer;
  etag?: string;
  /** The run's tag: revalidating it drops the page here too. */
  tag: string;
};

/** Set by the proxy on its rewrite to the cached route: the answer may be held under this path. */
export const HOLD_AS_HEADER = "x-kontext-hold-as";
/** On an answer sent from here. */
export const HELD_PAGE_HEADER = "x-kontext-page-cache";

const MAX_BYTES = 64 * 1024 * 1024;

// What describes the page itself. The rest is per answer (length, encoding, date), per view (the
// gate's headers, Cache-Control) or Next's own routing (x-middleware-rewrite), and is never copied.
const PAGE_HEADERS = ["content-type", "content-language", "content-security-policy", "etag", "last-modified", "link", "vary"];

const CACHED_PATH = /^\/p\/([^/]+)\/for\/[^/]+$/;

export class HeldPages {
  private readonly pages = new LRUCache<string, HeldPage>({
    maxSize: MAX_BYTES,
    sizeCalculation: (page) => page.body.length + page.gzipped.length + 1024,
    ttl: SHARE_PAGE_REVALIDATE_S * 1000,
  });

  /**
   * Keeps an answer for `path` (a cached share page's route). Only a whole 200 HTML answer is
   * kept: anything else (a 304, a 404, flight data) is passed over.
   */
  hold(path: string, answer: { status: number; headers: Record<string, unknown>; html: Buffer }): void {
    const match = CACHED_PATH.exec(path);
    const type = String(answer.headers["content-type"] ?? "");
    if (!match || answer.status !== 200 || !type.startsWith("text/html") || answer.html.length === 0) return;
    const headers = PAGE_HEADERS.flatMap((name): Array<[string, string]> => {
      const value = answer.headers[name];
      return value === undefined ? [] : [[name, String(value)]];
    });
    this.pages.set(path, {
      headers,
      body: answer.html,
      gzipped: zlib.gzipSync(answer.html),
      etag: typeof answer.headers.etag === "string" ? answer.headers.etag : undefined,
      tag: predictionTag(decodeURIComponent(match[1]!)),
    });
  }

  find(path: string): HeldPage | undefined {
    return this.pages.get(path);
  }

  /** Drops every page carrying one of these tags (a note, a star, a delete, a child run). */
  forget(tags: readonly string[]): void {
    const wanted = new Set(tags);
    for (const [path, page] of this.pages.entries()) if (wanted.has(page.tag)) this.pages.delete(path);
  }

  get size(): number {
    return this.pages.size;
  }
}

const holder = globalThis as typeof globalThis & { __kontextHeldPages?: HeldPages };

/**
 * This process's held pages, one for the whole server: the response hook fills it as Next answers,
 * and the front reads it, each loaded apart from the other.
 */
export function heldPages(): HeldPages {
  holder.__kontextHeldPages ??= new HeldPages();
  return holder.__kontextHeldPages;
}

export type HeldAnswer = { status: 200 | 304; headers: Array<[string, string]>; body?: Buffer };

/** What a view of a held page is answered: 304 when the viewer has it already, gzip when accepted. */
export function heldAnswer(page: HeldPage, request: { method?: string; headers: IncomingHttpHeaders }): HeldAnswer {
  const headers: Array<[string, string]> = [...page.headers, [HELD_PAGE_HEADER, "HIT"]];
  if (page.etag && fresh(request.headers, { etag: page.etag })) return { status: 304, headers };
  const gzip = new Negotiator(request).encodings(["gzip", "identity"])[0] === "gzip";
  const body = gzip ? page.gzipped : page.body;
  if (gzip) headers.push(["content-encoding", "gzip"]);
  headers.push(["content-length", String(body.length)]);
  return { status: 200, headers, body: request.method === "HEAD" ? undefined : body };
}
