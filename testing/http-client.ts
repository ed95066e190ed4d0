import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One HTTP request over node:http, which sends the Host header it is given (fetch replaces it)
 * and can leave from any loopback address (`from`: 127.0.0.0/8), so each test can be a client of
 * its own to per-address limits. An https URL is asked over TLS, trusting `tls.ca` for `tls.servername`.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    from?: string;
    tls?: { ca: string; servername: string };
  } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers: options.headers,
        localAddress: options.from,
        agent: false,
        ...options.tls,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error(`no answer from ${url} within 30 s`)));
    request.on("error", reject);
    request.end(options.body);
  });
}

/** The first bytes of a response that may never end (a server-sent event stream), then the connection is closed. */
export function openStream(url: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      resolve({ status: response.statusCode ?? 0, contentType: String(response.headers["content-type"] ?? "") });
      request.destroy();
    });
    request.setTimeout(30_000, () => request.destroy(new Error(`no answer from ${url} within 30 s`)));
    request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
  });
}

/** A real HTTP server on 127.0.0.1 that answers with whatever the handler says. */
export async function serveOnLoopback(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
