"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSession, useSignOut } from "@/hooks/use-session";

const NAV_LINK =
  "rounded-md px-2 py-1.5 text-sm font-medium text-fg-muted transition-colors hover:bg-muted hover:text-fg aria-[current=page]:bg-muted aria-[current=page]:text-fg";

/** History for the owner; Sign out when a token guards the server, Sign in for a guest. */
export function AccountNav() {
  const pathname = usePathname();
  const { owner, signInRequired } = useSession();
  const signOut = useSignOut();
  // A full reload: owner pages then send a guest to sign in, a share page stays as a guest sees it.
  const leave = () => signOut.mutate(undefined, { onSuccess: () => window.location.reload() });

  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {owner && (
        <Link href="/history" aria-current={pathname === "/history" ? "page" : undefined} className={NAV_LINK}>
          History
        </Link>
      )}
      {signInRequired && owner && (
        <button type="button" className={NAV_LINK} disabled={signOut.isPending} onClick={leave}>
          Sign out
        </button>
      )}
      {signInRequired && owner === false && pathname !== "/login" && (
        <Link href={`/login?next=${encodeURIComponent(pathname)}`} prefetch={false} className={NAV_LINK}>
          Sign in
        </Link>
      )}
    </nav>
  );
}
