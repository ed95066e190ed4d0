import { createHash, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Compares a presented secret with the real one in constant time. Both are hashed first, so
 * neither their contents nor their lengths shape the time the comparison takes.
 */
export function sameSecret(presented: string, actual: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(actual));
}

/**
 * The key that seals session cookies, derived from ACCESS_TOKEN (HKDF-SHA256), so one variable
 * is the whole configuration and changing the token signs every session out.
 */
export function sessionPassword(accessToken: string): string {
  const key = hkdfSync("sha256", accessToken, "kontext-playground", "session-cookie v1", 32);
  return Buffer.from(key).toString("hex");
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
