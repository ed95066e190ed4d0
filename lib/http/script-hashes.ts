import { createHash } from "node:crypto";

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
