// One flag per process: server.ts (outside Next's bundle) sets it, the readiness route (inside it)
// reads it, and each loads this module apart from the other.
const holder = globalThis as typeof globalThis & { __kontextStopping?: boolean };

/** The process is stopping: readiness answers 503 from now on, so a load balancer sends nothing new. */
export function markStopping(): void {
  holder.__kontextStopping = true;
}

export const isStopping = (): boolean => holder.__kontextStopping === true;
