"use client";

import type { ReactNode } from "react";
import { useSession } from "@/hooks/use-session";

/** Shows its children to the owner only, once the browser knows who it is: the server renders the same page for all. */
export function OwnerOnly({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useSession().owner ? children : fallback;
}
