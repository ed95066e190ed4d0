/**
 * Runs once when the server starts: validates the configuration, opens the
 * stores and resumes predictions a previous process left unfinished.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  // Installed first, so the hooks below (forwarding headers dropped) see a request before it.
  const { answerHeldPagesBeforeNext } = await import("./lib/http/held-page-front");
  const { getServices } = await import("./lib/composition-root");
  answerHeldPagesBeforeNext(getServices);
  if (!getEnv().TRUST_PROXY) {
    const { dropForwardingHeadersFromClients } = await import("./lib/http/forwarded-headers");
    dropForwardingHeadersFromClients();
  }
  const { hashInlineScriptsOfCachedPages } = await import("./lib/http/hashed-responses");
  hashInlineScriptsOfCachedPages();
  const { quietClientAborts } = await import("./lib/http/client-aborts");
  quietClientAborts();
  const services = getServices();
  if (getEnv().DATABASE_URL) {
    const { releaseBeforeExit } = await import("./lib/graceful-release");
    releaseBeforeExit(() => services.predictions.releaseClaims());
  }
}
