/**
 * One HTTP exchange with the upstream, reduced to what the retry decision
 * needs: did an answer come back, and if not, could the request have
 * reached the upstream at all?
 */

export type Exchange =
  | { ok: true; status: number; headers: Headers; text: string }
  /**
   * unreachable: the connection was never made (refused, DNS), so the upstream cannot have seen it.
   * timeout: sent, no answer in time. broken: the connection failed part-way (reset, socket closed).
   */
  | { ok: false; failure: "unreachable" | "timeout" | "broken"; detail: string };

// Errors raised before a connection exists; nothing can have been sent.
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export async function exchange(fetchImpl: typeof fetch, url: string, init: RequestInit, timeoutMs: number): Promise<Exchange> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal, redirect: "manual" });
    // The body read shares the signal: a stalled body is a timeout too.
    const text = await response.text();
    return { ok: true, status: response.status, headers: response.headers, text };
  } catch (error) {
    if (signal.aborted || isAbort(error)) return { ok: false, failure: "timeout", detail: "timed out" };
    const codes = errorCodes(error);
    const failure = codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code)) ? "unreachable" : "broken";
    return { ok: false, failure, detail: codes[0] ?? describe(error) };
  }
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/** undici hides the system error in `cause`, and in `cause.errors` when several addresses were tried. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || depth > 4) return;
    const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === "string") codes.push(code);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
    visit(cause, depth + 1);
  };
  visit(error, 0);
  return codes;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } })?.cause?.message;
  if (typeof cause === "string" && cause) return cause;
  return error instanceof Error ? error.message : String(error);
}

/** JSON.parse that says no instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
