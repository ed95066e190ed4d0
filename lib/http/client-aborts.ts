import { log } from "../log";

const INSTALLED = Symbol.for("kontext-playground.client-aborts-quiet");

/** Node's error for a client that closed its connection while still sending the request. */
export const isClientAbort = (error: unknown) =>
  error instanceof Error && (error.name === "AbortError" || (error as NodeJS.ErrnoException).code === "ECONNRESET");

/**
 * A client that hangs up is not a server error. With a proxy, Next buffers each request body for
 * it, and when a client hangs up mid-upload Next prints Node's "aborted" error itself, with a stack,
 * before any route runs (so `withErrors` never sees it). That one error becomes a debug line;
 * everything else printed goes through as it was. Called once, from instrumentation.
 */
export function quietClientAborts(): void {
  const console_ = console as Console & { [INSTALLED]?: true };
  if (console_[INSTALLED]) return;
  console_[INSTALLED] = true;
  const print = console.error;
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && isClientAbort(args[0]) && (args[0] as Error).message === "aborted") {
      log.debug("the client went away before the answer", { during: "the upload" });
      return;
    }
    print.apply(console, args);
  };
}
