/**
 * Runs once when the server starts: validates the configuration, opens the
 * stores and resumes predictions a previous process left unfinished.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  if (!getEnv().TRUST_PROXY) {
    const { dropForwardingHeadersFromClients } = await import("./lib/http/forwarded-headers");
    dropForwardingHeadersFromClients();
  }
  const { quietClientAborts } = await import("./lib/http/client-aborts");
  quietClientAborts();
  const { getServices } = await import("./lib/composition-root");
  const services = getServices();
  if (getEnv().DATABASE_URL) {
    // Several instances: on a graceful stop, hand this one's runs to the others at once rather than after the lease.
    process.once("SIGTERM", () => void services.predictions.releaseClaims().catch(() => {}));
  }
}
