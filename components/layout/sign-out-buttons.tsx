"use client";

import { useConfirm } from "@/components/ui/confirm-dialog";
import { useSignOut, useSignOutEverywhere } from "@/hooks/use-session-actions";

/** Sign out (this browser) and Sign out everywhere (every browser that signed in): the owner's, where a token guards the server. */
export function SignOutButtons({ className }: { className: string }) {
  const signOut = useSignOut();
  const everywhere = useSignOutEverywhere();
  const confirm = useConfirm();
  // A full reload: owner pages then send a guest to sign in, a share page stays as a guest sees it.
  const reload = () => window.location.reload();
  const leave = () => signOut.mutate(undefined, { onSuccess: reload });
  const leaveEverywhere = async () => {
    const body =
      "Every browser signed in to this playground, this one included, will need the access token again. Scripts that send the token are not affected.";
    if (await confirm({ title: "Sign out everywhere?", body, confirmLabel: "Sign out everywhere", danger: true }))
      everywhere.mutate(undefined, { onSuccess: reload });
  };
  const busy = signOut.isPending || everywhere.isPending;
  return (
    <>
      <button type="button" className={className} disabled={busy} onClick={leave}>
        Sign out
      </button>
      {/* Narrow screens show the short label; the name stays whole for screen readers. */}
      <button type="button" aria-label="Sign out everywhere" className={className} disabled={busy} onClick={leaveEverywhere}>
        <span className="max-sm:hidden">Sign out everywhere</span>
        <span className="sm:hidden">Everywhere</span>
      </button>
    </>
  );
}
