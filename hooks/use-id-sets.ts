"use client";

import { useSyncExternalStore } from "react";
import { dismissedRuns, imageKey, pendingDeletes, revealedImages } from "@/lib/browser/id-set-store";

/** Whether this flagged image was revealed, anywhere on the page. */
export function useRevealed(id: string, index: number): boolean {
  return useSyncExternalStore(revealedImages.subscribe, revealedImages.get, revealedImages.getServer).has(imageKey(id, index));
}

/** A run deleted a moment ago (undo still possible) or dismissed: not shown. */
export function useHiddenRun(id: string): boolean {
  const deleting = useSyncExternalStore(pendingDeletes.subscribe, pendingDeletes.get, pendingDeletes.getServer).has(id);
  const dismissed = useSyncExternalStore(dismissedRuns.subscribe, dismissedRuns.get, dismissedRuns.getServer).has(id);
  return deleting || dismissed;
}
