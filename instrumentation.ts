/**
 * Runs once when the server starts: validates the configuration, opens the stores and resumes
 * predictions a previous process left unfinished. With several instances, a stop (server.ts)
 * first hands this one's runs over, so another takes them at once instead of after the lease.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  const { getServices } = await import("./lib/composition-root");
  const services = getServices();
  if (getEnv().DATABASE_URL) {
    const { beforeStop } = await import("./lib/graceful-release");
    beforeStop(() => services.predictions.releaseClaims());
  }
}
