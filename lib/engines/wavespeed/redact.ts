/**
 * Scrubs a secret out of text before it reaches an error message or a log.
 * Upstream bodies and fetch errors are not ours: any of them could echo the
 * key back (a proxy's error page, a debug header dump), so every message
 * built from them goes through here.
 */
const MASK = "[redacted]";

export function redact(text: string, secret: string | undefined): string {
  let out = text;
  if (secret) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(MASK);
  }
  // Whatever the key, a bearer credential never belongs in a message.
  return out.replace(/\b(Bearer)\s+[^\s"',;]+/gi, `$1 ${MASK}`);
}

/** A short, redacted excerpt of an upstream body, for "we could not parse this" messages. */
export function snippet(text: string, secret: string | undefined, max = 80): string {
  // Redact before cutting: a cut through the key would leave a piece of it that no longer matches.
  const flat = redact(text.replace(/\s+/g, " ").trim(), secret);
  return (flat.length > max ? `${flat.slice(0, max)}…` : flat) || "(empty body)";
}
