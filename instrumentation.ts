/**
 * Runs once when the server starts: turns tracing on when OTEL_EXPORTER_OTLP_ENDPOINT is set (before
 * anything makes a span; the SDK is loaded only then), validates the configuration, opens the stores
 * and resumes predictions a previous process left unfinished. With several instances, a stop
 * (server.ts) first hands this one's runs over, so another takes them at once instead of after the lease.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  const { beforeStop } = await import("./lib/graceful-release");
  const env = getEnv();
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const { startTracing } = await import("./lib/observability/tracing");
    const endTracing = startTracing({
      endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      headers: env.OTEL_EXPORTER_OTLP_HEADERS,
      serviceName: env.OTEL_SERVICE_NAME,
    });
    // The spans of the last seconds go out before the process ends.
    beforeStop(endTracing);
  }
  const { getServices } = await import("./lib/composition-root");
  const services = getServices();
  if (env.DATABASE_URL) beforeStop(() => services.predictions.releaseClaims());
}
