"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { OwnerOnly } from "@/components/access/owner-only";
import { Gallery } from "@/components/gallery/gallery";
import { LazyQueryProvider } from "@/components/layout/lazy-query-provider";
import type { PredictionView } from "@/lib/playground-api";

// What only the owner (or a page still running) needs is fetched on demand, with the query cache it
// reads: a guest's page loads neither the owner's controls nor the prediction client, its schemas and
// TanStack Query behind them.
const ShareActions = dynamic(() => import("./share-actions").then((module) => module.ShareActions));
const LiveGallery = dynamic(() => import("@/components/gallery/live-gallery").then((module) => module.LiveGallery));
const ShareRefresher = dynamic(() => import("./share-refresher").then((module) => module.ShareRefresher));

/** Use these settings, Re-run, Vary seed and Delete: the owner's, on a share page. */
export function OwnerShareActions({ view }: { view: PredictionView }) {
  return (
    <OwnerOnly>
      <LazyQueryProvider>
        <ShareActions view={view} />
      </LazyQueryProvider>
    </OwnerOnly>
  );
}

/** A share page's gallery: the owner's follows the run's cache (stars set here show at once); a guest's is the page's own. */
export function ShareGallery(props: ComponentProps<typeof Gallery>) {
  return (
    <OwnerOnly fallback={<Gallery {...props} />}>
      <LazyQueryProvider>
        <LiveGallery {...props} />
      </LazyQueryProvider>
    </OwnerOnly>
  );
}

/** A run still going: followed by polling, then the page renders again. */
export function FollowRun(props: ComponentProps<typeof ShareRefresher>) {
  return (
    <LazyQueryProvider>
      <ShareRefresher {...props} />
    </LazyQueryProvider>
  );
}
