import { expect } from "@playwright/test";
import type { RawResponse } from "@/testing/http-client";

/**
 * Pages rendered per request allow scripts by this response's nonce; a finished run's share page, the
 * same for everyone and cached, by the hashes of the inline scripts it carries. Both allow the theme
 * script by its hash.
 */
export function expectSecurityHeaders(
  answer: RawResponse,
  what: string,
  scripts: "nonce" | "hashed" = "nonce",
  { https = false }: { https?: boolean } = {},
) {
  const csp = String(answer.headers["content-security-policy"]);
  if (scripts === "nonce")
    expect(csp, what).toMatch(
      /(^|; )script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')* 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'(;|$)/,
    );
  else {
    expect(csp, what).toMatch(/(^|; )script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+(;|$)/);
    expect(csp, what).not.toContain("nonce-");
  }
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(answer.headers["x-content-type-options"], what).toBe("nosniff");
  expect(answer.headers["referrer-policy"], what).toBe("same-origin");
  expect(answer.headers["x-frame-options"], what).toBe("DENY");
  // HSTS and the upgrade come only with an https PUBLIC_URL.
  if (https) {
    expect(answer.headers["strict-transport-security"], what).toMatch(/^max-age=\d{7,}/);
    expect(csp, what).toContain("upgrade-insecure-requests");
  } else expect(answer.headers["strict-transport-security"], what).toBeUndefined();
  return csp;
}
