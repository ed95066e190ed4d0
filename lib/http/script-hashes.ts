import { createHash } from "node:crypto";

/**
 * On a response that names a CSP directive in this header, the inline scripts of the HTML actually
 * sent are hashed into that directive (lib/http/hashed-responses.ts) and the header is dropped.
 */
export const HASH_INLINE_SCRIPTS_HEADER = "x-kontext-hash-inline-scripts";

/** A CSP hash source for one inline script's text. */
export const scriptHash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

// An inline script: no src attribute. Its text is raw (never entity-decoded), so the bytes between
// the tags are exactly what the browser hashes.
const INLINE_SCRIPT = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script\s*>/gi;
const HAS_SRC = /\ssrc\s*=/i;

/** The hashes of every inline script in a document, each once, in order of appearance. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = "", text = ""] of html.matchAll(INLINE_SCRIPT)) {
    if (!HAS_SRC.test(attributes) && text.length > 0) hashes.add(scriptHash(text));
  }
  return [...hashes];
}

/** The policy with `sources` appended to one directive (added when the policy lacks it). */
export function withSources(policy: string, directive: string, sources: readonly string[]): string {
  const parts = policy.split(";").map((part) => part.trim());
  const index = parts.findIndex((part) => part.split(/\s+/)[0]?.toLowerCase() === directive);
  const present = new Set(index === -1 ? [] : parts[index]!.split(/\s+/));
  sources = sources.filter((source) => !present.has(source));
  if (sources.length === 0) return policy;
  if (index === -1) return [...parts, `${directive} ${sources.join(" ")}`].join("; ");
  parts[index] = `${parts[index]} ${sources.join(" ")}`;
  return parts.join("; ");
}
