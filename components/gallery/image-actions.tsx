"use client";

import { lazyPart } from "@/components/ui/lazy-part";
import { useSession } from "@/hooks/use-session";
import type { PredictionView } from "@/lib/playground-api";

export type ImageActionsProps = {
  view: PredictionView;
  output: PredictionView["outputs"][number];
  /** 1-based, for the accessible names only: a number beside an icon reads as a count. */
  position: number;
  look?: "overlay" | "plain";
};

// The owner's controls (and the cache writes behind them) are fetched only once the viewer is known to be the owner.
const OwnerImageActions = lazyPart(() => import("./owner-image-actions").then((module) => module.OwnerImageActions));

/** Star, select-for-compare and Edit, the same on every image of a run, wherever it is shown; a guest sees the images alone. */
export function ImageActions(props: ImageActionsProps) {
  if (!useSession().owner) return null;
  // In a boundary of its own (lazyPart): while the chunk loads, whatever change showed them (a larger sweep cell, say) is not held back.
  return <OwnerImageActions {...props} />;
}
