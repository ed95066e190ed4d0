/**
 * The headers every response carries. Scripts run only from this site, and inline ones only with
 * this response's nonce (pages rendered per request: Next puts the nonce on its own scripts when it
 * finds it in the request's CSP) or with their hash (cached pages: the same HTML for everyone, so
 * no nonce can be in it; lib/pages/cache-handler.ts hashes the inline scripts of the page it
 * stores). Styles may be inline, as React renders `style` attributes; nothing may frame a page.
 */
export type ScriptPolicy = { kind: "nonce"; nonce: string } | { kind: "hashed"; hashes?: readonly string[] };

export type HeaderOptions = {
  scripts: ScriptPolicy;
  https: boolean;
  development: boolean;
  /** Hashes of inline scripts every page carries (the theme script), allowed under either policy. */
  knownScriptHashes?: readonly string[];
};

function scriptSource({ scripts, development, knownScriptHashes = [] }: HeaderOptions): string {
  // React's development build evaluates code for its error overlay; production never does.
  const sources = ["'self'", ...knownScriptHashes, ...(development ? ["'unsafe-eval'"] : [])];
  if (scripts.kind === "nonce") sources.push(`'nonce-${scripts.nonce}'`, "'strict-dynamic'");
  else sources.push(...(scripts.hashes ?? []).filter((hash) => !sources.includes(hash)));
  return `script-src ${sources.join(" ")}`;
}

export function contentSecurityPolicy(options: HeaderOptions): string {
  return [
    "default-src 'self'",
    scriptSource(options),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    // Share links carry the id that opens them: they never leave in a Referer.
    "Referrer-Policy": "same-origin",
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

export const newNonce = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
