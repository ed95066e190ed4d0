"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { useSession, useSignOut, useSignOutEverywhere } from "@/hooks/use-session";

const NAV_LINK =
  "rounded-md px-2 py-1.5 text-sm font-medium text-fg-muted transition-colors hover:bg-muted hover:text-fg aria-[current=page]:bg-muted aria-[current=page]:text-fg";

/**
 * History for the owner; Sign out (this browser) and Sign out everywhere (every browser that signed
 * in) when a token guards the server, Sign in for a guest.
 */
export function AccountNav() {
  const pathname = usePathname();
  const { owner, signInRequired } = useSession();
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
    <nav aria-label="Main" className="flex items-center gap-1">
      {owner && (
        <Link href="/history" aria-current={pathname === "/history" ? "page" : undefined} className={NAV_LINK}>
          History
        </Link>
      )}
      {signInRequired && owner && (
        <>
          <button type="button" className={NAV_LINK} disabled={busy} onClick={leave}>
            Sign out
          </button>
          {/* Narrow screens show the short label; the name stays whole for screen readers. */}
          <button type="button" aria-label="Sign out everywhere" className={NAV_LINK} disabled={busy} onClick={leaveEverywhere}>
            <span className="max-sm:hidden">Sign out everywhere</span>
            <span className="sm:hidden">Everywhere</span>
          </button>
        </>
      )}
      {signInRequired && owner === false && pathname !== "/login" && (
        <Link href={`/login?next=${encodeURIComponent(pathname)}`} prefetch={false} className={NAV_LINK}>
          Sign in
        </Link>
      )}
    </nav>
  );
}
