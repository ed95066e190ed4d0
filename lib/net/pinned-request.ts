import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { type CheckedTarget, checkTarget, type TargetPolicy } from "./target-guard";

export type GuardedRequest = {
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
  /** Redirects followed, each target checked again; 0 (the default) returns the 3xx as it is. */
  maxRedirects?: number;
  /** Bytes of the answer kept; the rest is not read. */
  maxBodyBytes?: number;
};

export type GuardedResponse = {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after any redirects. */
  url: string;
  /** The address the connection went to: the one that was checked. */
  address: string;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One request to a URL a client gave us: the target is checked (target-guard.ts) and the
 * connection goes to the very address that was checked. A redirect is followed only when
 * allowed, and only for GET and HEAD, its target checked like the first.
 */
export async function guardedRequest(raw: string, request: GuardedRequest, policy: TargetPolicy): Promise<GuardedResponse> {
  let target = await checkTarget(raw, policy);
  for (let hops = 0; ; hops++) {
    const response = await requestPinned(target, request);
    const location = response.headers.location;
    const follow =
      REDIRECTS.has(response.status) &&
      location &&
      hops < (request.maxRedirects ?? 0) &&
      (request.method === "GET" || request.method === "HEAD");
    if (!follow) return response;
    target = await checkTarget(new URL(location, target.url), policy);
  }
}

/** A resolver that answers every name with the checked address, for net.connect. */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    // Node asks for every address when it may try several families (autoSelectFamily).
    if (options.all) (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
}

function requestPinned(target: CheckedTarget, request: GuardedRequest): Promise<GuardedResponse> {
  const transport = target.url.protocol === "https:" ? https : http;
  const maxBodyBytes = request.maxBodyBytes ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(
      target.url,
      {
        method: request.method,
        headers: request.headers,
        lookup: pinnedLookup(target),
        // A pooled socket could lead to an address checked for another request.
        agent: false,
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks),
            url: target.url.href,
            address: target.address,
          });
        incoming.on("data", (chunk: Buffer) => {
          if (kept >= maxBodyBytes) return;
          chunks.push(chunk.subarray(0, maxBodyBytes - kept));
          kept += chunk.length;
          if (kept >= maxBodyBytes) {
            incoming.destroy();
            done();
          }
        });
        incoming.on("end", done);
        incoming.on("error", reject);
      },
    );
    outgoing.on("error", (error: Error) =>
      reject(error.name === "AbortError" ? new Error(`no answer within ${request.timeoutMs} ms`) : error),
    );
    outgoing.end(request.body);
  });
}
