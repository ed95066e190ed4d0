"use client";

import type { ReactNode } from "react";
import { GuestViewContext, useSession } from "@/hooks/use-session";

/** Shows its children to the owner only, once the browser knows who it is: the server renders the same page for all. */
export function OwnerOnly({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useSession().owner ? children : fallback;
}

/**
 * Its children as a guest sees them, whoever is looking: the stand-in while the owner's own version of
 * the same part loads, which needs nothing (no query cache, no owner's controls) the owner's brings.
 */
export function GuestView({ children }: { children: ReactNode }) {
  return <GuestViewContext value>{children}</GuestViewContext>;
}
