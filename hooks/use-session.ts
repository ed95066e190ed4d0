"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { readOwner } from "@/lib/browser/session-read";
import { queryKeys } from "./query-keys";

/**
 * Whether this server asks anyone to sign in (ACCESS_TOKEN set). The same for every viewer, so the
 * server may render it; whether this viewer is the owner is asked by the browser, so a page's HTML
 * never depends on who opened it.
 */
export const SignInRequiredContext = createContext(true);

export type SessionState = { signInRequired: boolean; owner: boolean | undefined };

/** `owner` is undefined until the server has answered; owner actions stay hidden until then. */
export function useSession(): SessionState {
  const signInRequired = useContext(SignInRequiredContext);
  const { data } = useQuery({
    queryKey: queryKeys.session,
    queryFn: ({ signal }) => readOwner(signal),
    enabled: signInRequired,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!signInRequired) return { signInRequired, owner: true };
  return { signInRequired, owner: data?.owner };
}

// Signing in and out load the API client (and its schemas) when asked, not with every page's header.
const api = () => import("@/lib/browser/session-api").then((module) => module.sessionApi);

export function useSignIn() {
  return useMutation({ mutationFn: async (token: string) => (await api()).signIn(token), retry: false });
}

export function useSignOut() {
  return useMutation({ mutationFn: async () => (await api()).signOut(), retry: false });
}

export function useSignOutEverywhere() {
  return useMutation({ mutationFn: async () => (await api()).signOutEverywhere(), retry: false });
}
