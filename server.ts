import http from "node:http";
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import next from "next";
import { securityHeaders } from "./lib/access/security-headers";
import { getEnv } from "./lib/env";
import { runStopSteps } from "./lib/graceful-release";
import { servesHttps, siteUrl } from "./lib/http/base-url";
import { admit } from "./lib/http/front-door";
import { log } from "./lib/log";
import { markStopping } from "./lib/observability/stopping";

/** Longest a stop waits for the claims to be handed over; the leases expire anyway. */
const STOP_STEPS_WITHIN_MS = 3_000;

/**
 * The playground's front door, started by `npm start` (`node --import tsx server.ts`): Next's own
 * request handler behind the steps no hook of Next's can take, in the order a request meets them.
 * The request line and the forwarding headers are settled first (lib/http/front-door.ts: the
 * client's address, an absolute-form target, headers only a trusted proxy may set); then Next runs
 * its proxy (proxy.ts, the gate) and the route. On SIGTERM or SIGINT the server stops taking
 * connections and hands this instance's runs over (lib/graceful-release.ts) before the process ends.
 *
 * It listens on HOST and PORT; `--hostname ADDRESS` binds another address than HOST (the tests keep
 * every server on loopback, whatever HOST they check).
 */
async function main() {
  const { values } = parseArgs({ options: { hostname: { type: "string" } } });
  // `.env` files, as `next start` reads them, before the configuration is read once.
  loadEnvConfig(__dirname);
  const env = getEnv();
  const hostname = values.hostname ?? env.HOST;
  // Next builds the URL its proxy sees on `localhost`; its router must say the same, or a rewrite made
  // in the proxy looks like another origin and Next fetches it over the network (over TLS, behind an
  // https proxy, where that fails). The name is Next's own: this server listens where it is told.
  const app = next({ dev: false, dir: __dirname, hostname: "localhost", port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  // What the front door answers itself (a refusal, a path's clean form) carries the headers every other answer does.
  const frontDoorHeaders = {
    ...securityHeaders({ scripts: { kind: "hashed" }, https: servesHttps(env), development: false }),
    "content-type": "text/plain",
    "cache-control": "no-store",
  };
  const server = http.createServer((request, response) => {
    // A client that hangs up mid-upload is no error of the playground's (Next may print Node's "aborted" itself).
    request.once("close", () => {
      if (!request.complete) log.debug("the client went away before its request was whole", { method: request.method });
    });
    const answer = admit(request, { trustProxy: env.TRUST_PROXY });
    if (!answer) void handle(request, response);
    else if (answer.status === 308)
      response.writeHead(308, { ...frontDoorHeaders, location: answer.location }).end(answer.location);
    else response.writeHead(400, frontDoorHeaders).end("Bad request");
  });
  server.on("error", (error) => {
    log.error("the server could not listen", { error: String(error), hostname, port: env.PORT });
    process.exit(1);
  });
  server.listen(env.PORT, hostname, () => log.info("ready", { url: siteUrl(env), hostname, port: env.PORT }));

  // On SIGTERM (what an orchestrator sends) /api/ready answers 503 for SHUTDOWN_DRAIN_MS while requests are
  // still served, so a load balancer stops sending traffic before the server stops taking it.
  const stop = async (signal: NodeJS.Signals) => {
    markStopping();
    if (signal === "SIGTERM" && env.SHUTDOWN_DRAIN_MS > 0)
      await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_DRAIN_MS));
    server.close();
    server.closeIdleConnections();
    await runStopSteps(STOP_STEPS_WITHIN_MS);
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
