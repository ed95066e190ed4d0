import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { signedOut } from "../signed-out";

export const dynamic = "force-dynamic";

/**
 * Sign out everywhere: the server ends every session, on every browser that signed in, this one
 * included. The owner's (the access policy keeps it so); the token itself goes on working.
 */
export const DELETE = withErrors(async (request) => {
  const { access } = getServices();
  await access.signOutEverywhere();
  return signedOut(request, access);
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
