/**
 * Where to go after signing in: a place on this site only, so a crafted `?next=` cannot send the
 * owner elsewhere. The value is resolved against the site's own origin the way a browser would
 * resolve it (which drops tabs and newlines and reads `\` as `/`, so `/\t/evil.example` is
 * `//evil.example`, another site); it is taken only if it stays on that origin with a path that
 * does not begin `//`, and then as the URL parser writes it back, with every control character
 * percent-encoded, so none can reach a `Location` header. Anything else is `/`.
 */
export function safeReturnPath(value: unknown, origin: string): string {
  if (typeof value !== "string") return "/";
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return "/";
  }
  if (resolved.origin !== new URL(origin).origin) return "/";
  // Dot segments can leave a path that starts with `//` (`/.//evil.example`), which a browser reads
  // as another site in `Location`: no place on this site starts that way.
  if (resolved.pathname.startsWith("//")) return "/";
  return resolved.pathname + resolved.search + resolved.hash;
}
