"use client";

import { usePathname } from "next/navigation";
import { lazyPart } from "@/components/ui/lazy-part";
import { NavLink } from "@/components/ui/nav-link";
import { useSession } from "@/hooks/use-session";

// Only the owner of a server with a token signs out: a guest's page (and an open server's) never loads it.
const SignOutButtons = lazyPart(() => import("./sign-out-buttons").then((module) => module.SignOutButtons));

const NAV_LINK =
  "rounded-md px-2 py-1.5 text-sm font-medium text-fg-muted transition-colors hover:bg-muted hover:text-fg aria-[current=page]:bg-muted aria-[current=page]:text-fg";

/**
 * History for the owner; Sign out (this browser) and Sign out everywhere (every browser that signed
 * in) when a token guards the server, Sign in for a guest.
 */
export function AccountNav() {
  const pathname = usePathname();
  const { owner, signInRequired } = useSession();

  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {owner && (
        <NavLink href="/history" aria-current={pathname === "/history" ? "page" : undefined} className={NAV_LINK}>
          History
        </NavLink>
      )}
      {signInRequired && owner && <SignOutButtons className={NAV_LINK} />}
      {signInRequired && owner === false && pathname !== "/login" && (
        <NavLink href={`/login?next=${encodeURIComponent(pathname)}`} className={NAV_LINK}>
          Sign in
        </NavLink>
      )}
    </nav>
  );
}
