"use client";

import dynamic from "next/dynamic";
import { type ReactNode, Suspense } from "react";
import { useSession } from "@/hooks/use-session";
import { imageKey, revealedImages } from "@/lib/browser/id-set-store";
import type { PredictionView } from "@/lib/playground-api";
import { galleryGridClass } from "./grid";
import type { ImageActionsProps } from "./image-actions";
import { loadLightbox, useOpenLightbox } from "./lightbox-context";
import { ResultImage } from "./result-image";

const shortPrompt = (prompt: string) => (prompt.length > 140 ? `${prompt.slice(0, 139)}…` : prompt);

type Props = {
  view: PredictionView;
  eager?: boolean;
  large?: boolean;
  priority?: boolean;
  /**
   * Split after the first image, with this between (a share page's details): on a phone the
   * parameters then come before the second image. The caller's grid places the three parts.
   */
  between?: { node: ReactNode; firstClassName?: string; restClassName?: string };
};

/** The images of one prediction; a click opens the page's lightbox, flagged ones wait for a reveal. */
export function Gallery({ view, eager, large, priority, between }: Props) {
  const openLightbox = useOpenLightbox();
  const first = view.outputs[0];
  if (!first) return between?.node ?? null;
  const count = view.outputs.length;

  const item = (output: PredictionView["outputs"][number], position: number) => (
    <li key={output.index} onPointerEnter={loadLightbox} onFocus={loadLightbox} className={between ? "min-w-0" : undefined}>
      <ResultImage
        output={output}
        alt={shortPrompt(view.input.prompt)}
        label={`Open image ${position + 1} of ${count}`}
        runId={view.id}
        eager={eager || (priority && position === 0)}
        priority={priority && position === 0}
        onOpen={() => openLightbox(view.id, position)}
        onReveal={() => revealedImages.add(imageKey(view.id, output.index))}
        actions={<ImageActions view={view} output={output} position={position + 1} />}
      />
    </li>
  );

  if (between) {
    const [head, ...rest] = view.outputs;
    return (
      <>
        <ul aria-label={count > 1 ? "First image" : "Image"} className={between.firstClassName}>
          {item(head!, 0)}
        </ul>
        {between.node}
        {rest.length > 0 && (
          <ul aria-label="More images" className={between.restClassName}>
            {rest.map((output, position) => item(output, position + 1))}
          </ul>
        )}
      </>
    );
  }
  return (
    <ul className={galleryGridClass(first.width, first.height, count, large)} aria-label="Images">
      {view.outputs.map(item)}
    </ul>
  );
}

// The owner's controls (and the cache writes behind them) are fetched only once the viewer is known to be the owner.
const OwnerImageActions = dynamic(() => import("./image-actions").then((module) => module.OwnerImageActions));

/** Star, select-for-compare and Edit, the same on every image of a run; a guest sees the images alone. */
export function ImageActions(props: ImageActionsProps) {
  if (!useSession().owner) return null;
  // Its own boundary: while the chunk loads, whatever change showed them (a larger sweep cell, say) is not held back.
  return (
    <Suspense fallback={null}>
      <OwnerImageActions {...props} />
    </Suspense>
  );
}
