"use client";

import { usePathname } from "next/navigation";
import { SparkIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { useToastShown } from "@/components/ui/toaster";
import { AccountNav } from "./account-nav";
import { ThemeToggle } from "./theme-toggle";

// A client component for usePathname: the current page is marked for screen readers and the eye.
export function SiteHeader({ engineLabel }: { engineLabel: string }) {
  const pathname = usePathname();
  const current = (href: string) => (pathname === href ? "page" : undefined);
  // A toast takes the header's place for a few seconds; its controls are out of reach (and of the tab order) meanwhile.
  const covered = useToastShown();

  return (
    <header className="sticky top-0 z-30 border-b border-border bg-surface/85 backdrop-blur">
      <div
        className={`mx-auto flex h-14 max-w-7xl items-center justify-between gap-3 px-4 sm:px-6 ${covered ? "invisible" : ""}`}
      >
        <NavLink
          href="/"
          aria-current={current("/")}
          className="flex min-w-0 items-center gap-2 rounded-md font-semibold tracking-tight"
        >
          <span className="grid size-7 shrink-0 place-items-center rounded-lg bg-accent text-accent-fg">
            <SparkIcon />
          </span>
          {/* The narrowest phones show "Kontext" to leave room for the navigation; the name stays whole for screen readers. */}
          <span className="truncate">
            Kontext<span className="max-[400px]:sr-only"> Playground</span>
          </span>
          <span className="hidden rounded-full border border-border px-2 py-0.5 text-xs font-normal text-fg-muted sm:inline">
            {engineLabel}
          </span>
        </NavLink>
        <div className="flex shrink-0 items-center gap-2">
          <AccountNav />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
