"use client";

import { type FormEvent, useEffect, useState } from "react";
import { inputClass } from "@/components/playground/field";
import { Button } from "@/components/ui/button";
import { useSignIn } from "@/hooks/use-session-actions";
import { safeReturnPath } from "@/lib/view/return-path";

/** The access token, sent as JSON; the input has no name, so no plain form submit can put it in a URL. */
export function SignInForm({ next }: { next: string }) {
  const [token, setToken] = useState("");
  // Until hydrated, the button stays disabled: there is nothing to submit without the script.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const signIn = useSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A full load, so the page comes from the server with the new cookie; the path is checked again
    // against this page's own origin, so nothing but a place on this site is ever loaded.
    signIn.mutate(token, { onSuccess: () => window.location.assign(safeReturnPath(next, window.location.origin)) });
  };

  return (
    <form
      method="post"
      onSubmit={submit}
      aria-label="Sign in"
      data-ready={ready}
      className="flex flex-col gap-4 rounded-2xl border border-border bg-surface p-5 shadow-sm"
    >
      <div className="flex flex-col gap-1.5">
        <label htmlFor="access-token" className="text-sm font-medium">
          Access token
        </label>
        <input
          id="access-token"
          type="password"
          autoComplete="current-password"
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={signIn.isError || undefined}
          aria-describedby={signIn.error ? "sign-in-error" : undefined}
          className={`${inputClass(signIn.isError)} h-10`}
        />
      </div>
      <Button type="submit" variant="primary" disabled={!ready || signIn.isPending || signIn.isSuccess}>
        Sign in
      </Button>
      {signIn.error && (
        <p
          id="sign-in-error"
          role="alert"
          className="rounded-lg border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger"
        >
          {signIn.error.message}
        </p>
      )}
    </form>
  );
}
