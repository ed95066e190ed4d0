import { log } from "./log";

/** Longest a stop waits for the claims to be handed over; the leases expire anyway. */
const RELEASE_WITHIN_MS = 3_000;

/**
 * On SIGTERM or SIGINT, runs `release` before the process ends, so other instances take this
 * one's runs over at once instead of after the lease. `next start` drains its server on these
 * signals and then calls process.exit; that exit waits here for the release, at most a few seconds.
 */
export function releaseBeforeExit(release: () => Promise<void>): void {
  let released: Promise<void> | undefined;
  const start = () => {
    released ??= Promise.race([
      release().catch((error: unknown) => log.warn("could not hand this instance's runs over", { error: String(error) })),
      new Promise<void>((resolve) => setTimeout(resolve, RELEASE_WITHIN_MS).unref()),
    ]);
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => {
      void released!.finally(() => exit(code ?? undefined));
    }) as typeof process.exit;
  };
  process.once("SIGTERM", start);
  process.once("SIGINT", start);
}
