/**
 * Runs waiting and in flight, read where they are known: the tracker's figures through the service's
 * health (the line, which on PostgreSQL every instance shares, and this instance's places upstream).
 * The one place that knows where these two numbers come from.
 */
export function runQueueReading(service: { health(): Promise<{ waiting: number; inFlight: number }> }) {
  return async () => {
    const { waiting, inFlight } = await service.health();
    return { waiting, inFlight };
  };
}
