import http from "node:http";

const FORWARDING_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
];
const INSTALLED = Symbol.for("kontext-playground.forwarding-dropped");

/**
 * Without a trusted proxy in front, forwarding headers come from the client and say whatever it
 * likes. Next keeps a client's X-Forwarded-For and only fills it in when absent, and neither the
 * proxy nor a route can see the socket, so these headers are removed as each request arrives;
 * Next then fills them in from the connection itself. Called once, from instrumentation.
 */
export function dropForwardingHeadersFromClients(): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function emitWithoutForwarding(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      for (const name of FORWARDING_HEADERS) delete request.headers[name];
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
