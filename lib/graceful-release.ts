import { log } from "./log";

type Step = () => Promise<void>;

// One list per process: instrumentation (in Next's bundle) adds to it, server.ts (outside it) runs
// it, and each loads this module apart from the other.
const holder = globalThis as typeof globalThis & { __kontextStopSteps?: Step[] };

/**
 * Work to finish before the process ends on SIGTERM or SIGINT (the claims on runs, handed over so
 * another instance takes them at once instead of after the lease). server.ts runs it.
 */
export function beforeStop(step: Step): void {
  holder.__kontextStopSteps ??= [];
  holder.__kontextStopSteps.push(step);
}

/** Runs every step, all at once, for at most `withinMs`: what is not done by then is left to the leases. */
export async function runStopSteps(withinMs: number): Promise<void> {
  const steps = (holder.__kontextStopSteps ?? []).map((step) =>
    step().catch((error: unknown) => log.warn("a step before stopping failed", { error: String(error) })),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, withinMs);
  });
  await Promise.race([Promise.all(steps), late]);
  clearTimeout(timer);
}
