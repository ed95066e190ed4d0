"use client";

import { useSyncExternalStore } from "react";
import { selection } from "@/lib/browser/selection";

/** The images picked for a compare, live across every component that shows them. */
export function useSelection() {
  return useSyncExternalStore(selection.subscribe, selection.get, selection.getServer);
}
