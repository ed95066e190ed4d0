import type { ReactNode } from "react";
import { showsSplit } from "@/components/edit/shows-split";
import { GallerySkeleton } from "@/components/gallery/gallery-skeleton";
import type { PredictionView } from "@/lib/playground-api";
import { FollowRun, ShareBeforeAfter, ShareGallery } from "./share-owner";

type Props = {
  view: PredictionView;
  /** Grid placement of the first picture, and of what comes under it. */
  first: string;
  rest: string;
  details: ReactNode;
  chain: ReactNode;
};

/**
 * What a share page shows of the run, placed in the page's grid: an edit of one picture as its
 * before/after (once: it is the result), other runs as their gallery split after the first image,
 * a run still going as its skeleton. The chain of edits comes right under the picture.
 */
export function ShareImages({ view, first, rest, details, chain }: Props) {
  if (showsSplit(view))
    return (
      <>
        <section aria-label="Before and after" className={first}>
          <ShareBeforeAfter view={view} large priority />
        </section>
        {details}
        <div className={rest}>{chain}</div>
      </>
    );
  if (view.status === "completed")
    return (
      <>
        <ShareGallery
          view={view}
          eager
          large
          between={{ node: details, firstClassName: first, restClassName: `grid gap-4 ${rest}` }}
        />
        <div className={`${rest} lg:row-start-3`}>{chain}</div>
      </>
    );
  return (
    <>
      <section aria-label="Images" className={first}>
        {view.status === "failed" ? (
          <p role="alert" className="rounded-xl border border-danger/30 bg-danger/10 px-4 py-3 text-sm text-danger">
            This prediction failed: {view.error || "no reason given"}
          </p>
        ) : (
          <div className="flex flex-col gap-3">
            <FollowRun id={view.id} createdAt={view.createdAt} status={view.status} />
            <GallerySkeleton aspectRatio={view.input.aspect_ratio} count={view.input.num_images} />
          </div>
        )}
      </section>
      {details}
      <div className={rest}>{chain}</div>
    </>
  );
}
