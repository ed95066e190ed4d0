/**
 * Runs once when the server starts: validates the configuration and resumes
 * predictions a previous process left unfinished.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getPredictions }, { startMetrics }] = await Promise.all([import("./lib/predictions"), import("./lib/metrics")]);
  startMetrics();
  getPredictions();
}
