import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/access/session";
import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";
import { parseBody } from "@/lib/http/parse-body";
import { clientAddress } from "@/lib/http/request-host";
import { withErrors } from "@/lib/http/respond";
import { type SessionView, signInSchema } from "@/lib/playground-api";
import { signedOut } from "./signed-out";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** Whether this browser is the owner; the pages show owner actions only after asking. */
export const GET = withErrors(async (request) => {
  const view: SessionView = { owner: Boolean(callerFrom(request.headers)), signInRequired: getServices().access.signInRequired };
  return NextResponse.json(view, { headers: NO_STORE });
});

/** Sign in with the access token: a sealed, httpOnly session cookie. */
export const POST = withErrors(async (request) => {
  const { token } = await parseBody(signInSchema, request);
  const { access } = getServices();
  const sealed = await access.signIn(token, clientAddress(request.headers));
  const response = NextResponse.json({ owner: true, signInRequired: access.signInRequired } satisfies SessionView, {
    headers: NO_STORE,
  });
  if (sealed) response.cookies.set(SESSION_COOKIE, sealed, sessionCookieOptions(access.secureCookies(request.headers)));
  return response;
});

/**
 * Sign out: the server ends this session, so a copy of the cookie is worth nothing either, and the
 * cookie goes. A Bearer token, which the browser never holds, is unaffected.
 */
export const DELETE = withErrors(async (request) => {
  const { access } = getServices();
  await access.signOut((await cookies()).get(SESSION_COOKIE)?.value);
  return signedOut(request, access);
});

export const { PUT, PATCH, OPTIONS } = otherMethods({ GET, POST, DELETE });
