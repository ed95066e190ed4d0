import { NextResponse } from "next/server";
import type { AccessService } from "@/lib/access/access-service";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/access/session";
import type { SessionView } from "@/lib/playground-api";

/** The answer to a sign-out: this browser is a guest now (where a token guards the server), and its cookie goes. */
export function signedOut(request: Request, access: AccessService): NextResponse {
  const view: SessionView = { owner: !access.signInRequired, signInRequired: access.signInRequired };
  const response = NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
  response.cookies.set(SESSION_COOKIE, "", sessionCookieOptions(access.secureCookies(request.headers), 0));
  return response;
}
