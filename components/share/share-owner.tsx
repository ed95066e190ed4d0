"use client";

import type { ComponentProps, ComponentType } from "react";
import { GuestView, OwnerOnly } from "@/components/access/owner-only";
import { NoteView } from "@/components/annotations/note-view";
import { BeforeAfterOnDemand } from "@/components/edit/before-after-on-demand";
import { Gallery } from "@/components/gallery/gallery";
import { LazyQueryProvider } from "@/components/layout/lazy-query-provider";
import { lazyPart } from "@/components/ui/lazy-part";
import type { PredictionView } from "@/lib/playground-api";

// What only the owner (or a page still running) needs is fetched on demand, with the query cache it
// reads: a guest's page loads neither the owner's controls nor the prediction client, its schemas and
// TanStack Query behind them. The owner's parts come from one module, so they arrive as one download.
const loadOwnerParts = () => import("./share-owner-parts");
const ShareActions = lazyPart(() => loadOwnerParts().then((module) => module.OwnerActionsPart));
const ShareRefresher = lazyPart(() => import("./share-refresher").then((module) => module.ShareRefresher));

/**
 * The owner's version of a part a guest sees too: the guest's until the session says the viewer is the
 * owner, and still the guest's while the owner's loads (inside `GuestView`, so it needs nothing the
 * owner's brings), so nothing blinks out when the viewer turns out to be the owner.
 */
function ownerVersion<Props extends object>(load: () => Promise<ComponentType<Props>>, Guest: ComponentType<Props>) {
  const Owner = lazyPart(load, (props: Props) => (
    <GuestView>
      <Guest {...props} />
    </GuestView>
  ));
  return function OwnerVersion(props: Props) {
    return (
      <OwnerOnly fallback={<Guest {...props} />}>
        <Owner {...props} />
      </OwnerOnly>
    );
  };
}

/** Use these settings, Re-run, Vary seed and Delete: the owner's, on a share page. */
export function OwnerShareActions({ view }: { view: PredictionView }) {
  return (
    <OwnerOnly>
      <ShareActions view={view} />
    </OwnerOnly>
  );
}

/** A share page's gallery: the owner's follows the run's cache (stars set here show at once); a guest's is the page's own. */
export const ShareGallery = ownerVersion(() => loadOwnerParts().then((module) => module.LiveGalleryPart), Gallery);

/** An edit's before/after: the owner's has the image actions on its result, a guest's the pictures alone. */
export const ShareBeforeAfter = ownerVersion(
  () => loadOwnerParts().then((module) => module.BeforeAfterPart),
  BeforeAfterOnDemand,
);

/** A run's note: the owner edits it, a guest reads it (nothing when there is none). */
export const ShareNote = ownerVersion(() => loadOwnerParts().then((module) => module.NoteEditorPart), NoteView);

/** A run still going: followed by polling, then the page renders again. */
export function FollowRun(props: ComponentProps<typeof ShareRefresher>) {
  return (
    <LazyQueryProvider>
      <ShareRefresher {...props} />
    </LazyQueryProvider>
  );
}
