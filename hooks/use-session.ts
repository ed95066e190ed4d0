"use client";

import { createContext, useContext, useEffect, useSyncExternalStore } from "react";
import { sessionStore } from "@/lib/browser/session-store";

/**
 * Whether this server asks anyone to sign in (ACCESS_TOKEN set). The same for every viewer, so the
 * server may render it; whether this viewer is the owner is asked by the browser, so a page's HTML
 * never depends on who opened it.
 */
export const SignInRequiredContext = createContext(true);

/** Set where a part shows what a guest sees whoever is looking (`GuestView` in components/access/owner-only.tsx). */
export const GuestViewContext = createContext(false);

export type SessionState = { signInRequired: boolean; owner: boolean | undefined };

/** `owner` is undefined until the server has answered; owner actions stay hidden until then. */
export function useSession(): SessionState {
  const signInRequired = useContext(SignInRequiredContext);
  const asGuest = useContext(GuestViewContext);
  const view = useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.getServer);
  useEffect(() => {
    if (signInRequired) void sessionStore.load();
  }, [signInRequired]);
  if (asGuest) return { signInRequired, owner: false };
  if (!signInRequired) return { signInRequired, owner: true };
  return { signInRequired, owner: view?.owner };
}
