/**
 * Where to go after signing in: a path on this site only, so a crafted `?next=` cannot send the
 * owner elsewhere (`//host` and `/\host` are other sites to a browser).
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
