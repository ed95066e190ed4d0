"use client";

import type { ComponentProps } from "react";
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
// While they load, what a guest sees stays on screen: nothing blinks out when the session says the
// viewer is the owner.
const LiveGallery = lazyPart(
  () => loadOwnerParts().then((module) => module.LiveGalleryPart),
  (props) => (
    <GuestView>
      <Gallery {...props} />
    </GuestView>
  ),
);
const NoteEditor = lazyPart(
  () => loadOwnerParts().then((module) => module.NoteEditorPart),
  (props) => <NoteView {...props} />,
);
const OwnerBeforeAfter = lazyPart(
  () => loadOwnerParts().then((module) => module.BeforeAfterPart),
  (props) => (
    <GuestView>
      <BeforeAfterOnDemand {...props} />
    </GuestView>
  ),
);
const ShareRefresher = lazyPart(() => import("./share-refresher").then((module) => module.ShareRefresher));

/** Use these settings, Re-run, Vary seed and Delete: the owner's, on a share page. */
export function OwnerShareActions({ view }: { view: PredictionView }) {
  return (
    <OwnerOnly>
      <ShareActions view={view} />
    </OwnerOnly>
  );
}

/** A share page's gallery: the owner's follows the run's cache (stars set here show at once); a guest's is the page's own. */
export function ShareGallery(props: ComponentProps<typeof Gallery>) {
  return (
    <OwnerOnly fallback={<Gallery {...props} />}>
      <LiveGallery {...props} />
    </OwnerOnly>
  );
}

/** An edit's before/after: the owner's has the image actions on its result, a guest's the pictures alone. */
export function ShareBeforeAfter(props: ComponentProps<typeof BeforeAfterOnDemand>) {
  return (
    <OwnerOnly fallback={<BeforeAfterOnDemand {...props} />}>
      <OwnerBeforeAfter {...props} />
    </OwnerOnly>
  );
}

/** A run's note: the owner edits it, a guest reads it (nothing when there is none). */
export function ShareNote({ view, className }: { view: PredictionView; className?: string }) {
  return (
    <OwnerOnly fallback={<NoteView view={view} className={className} />}>
      <NoteEditor view={view} className={className} />
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
