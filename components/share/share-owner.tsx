"use client";

import dynamic from "next/dynamic";
import { OwnerOnly } from "@/components/access/owner-only";
import type { PredictionView } from "@/lib/playground-api";

// The owner's controls, fetched only when the viewer turns out to be the owner: a guest never loads them.
const ShareActions = dynamic(() => import("./share-actions").then((module) => module.ShareActions));

/** Use these settings, Re-run, Vary seed and Delete: the owner's, on a share page. */
export function OwnerShareActions({ view }: { view: PredictionView }) {
  return (
    <OwnerOnly>
      <ShareActions view={view} />
    </OwnerOnly>
  );
}
