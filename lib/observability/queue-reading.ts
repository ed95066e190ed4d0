/**
 * Runs waiting and in flight on this instance, read where they are known today: the service's
 * health figures (the tracker's queue and its places upstream). The one place that knows where
 * these two numbers come from.
 */
export function runQueueReading(service: { health(): { waiting: number; inFlight: number } }) {
  return () => {
    const { waiting, inFlight } = service.health();
    return { waiting, inFlight };
  };
}
