"use client";

import { useCallback, useState } from "react";
import { sessionStore } from "@/lib/browser/session-store";
import type { AppError } from "@/lib/errors";
import type { SessionView } from "@/lib/playground-api";

type Action<A> = {
  mutate: (argument: A, options?: { onSuccess?: (view: SessionView) => void }) => void;
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  error: AppError | null;
};

/** A sign-in or sign-out: its state for the form, and the session it leaves written to the store. */
function useSessionAction<A>(run: (argument: A) => Promise<SessionView>): Action<A> {
  const [state, setState] = useState<{ status: "idle" | "pending" | "success" | "error"; error: AppError | null }>({
    status: "idle",
    error: null,
  });
  const mutate = useCallback(
    (argument: A, options?: { onSuccess?: (view: SessionView) => void }) => {
      setState({ status: "pending", error: null });
      run(argument).then(
        (view) => {
          sessionStore.set(view);
          setState({ status: "success", error: null });
          options?.onSuccess?.(view);
        },
        (error: unknown) => void loadApi().then(({ asAppError }) => setState({ status: "error", error: asAppError(error) })),
      );
    },
    [run],
  );
  return {
    mutate,
    isPending: state.status === "pending",
    isSuccess: state.status === "success",
    isError: state.status === "error",
    error: state.error,
  };
}

// The client for these (and its error type) loads with the first sign-in or sign-out, not with every page.
const loadApi = () => import("@/lib/browser/session-api");
const signIn = (token: string) => loadApi().then(({ sessionApi }) => sessionApi.signIn(token));
const signOut = () => loadApi().then(({ sessionApi }) => sessionApi.signOut());

export const useSignIn = () => useSessionAction(signIn);
export const useSignOut = () => useSessionAction<void>(signOut);
const signOutEverywhere = () => loadApi().then(({ sessionApi }) => sessionApi.signOutEverywhere());
export const useSignOutEverywhere = () => useSessionAction<void>(signOutEverywhere);
