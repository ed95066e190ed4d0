"use client";

import type { ReactNode } from "react";
import { imageKey, revealedImages } from "@/lib/browser/id-set-store";
import type { PredictionView } from "@/lib/playground-api";
import { galleryGridClass, gallerySizes } from "./grid";
import { ImageActions } from "./image-actions";
import { loadLightbox, useOpenLightbox } from "./lightbox-context";
import { ResultImage } from "./result-image";

const shortPrompt = (prompt: string) => (prompt.length > 140 ? `${prompt.slice(0, 139)}…` : prompt);

type Props = {
  view: PredictionView;
  eager?: boolean;
  large?: boolean;
  /** In the compact list's grid: one image per card, several cards to a row. */
  compact?: boolean;
  priority?: boolean;
  /**
   * Split after the first image, with this between (a share page's details): on a phone the
   * parameters then come before the second image. The caller's grid places the three parts.
   */
  between?: { node: ReactNode; firstClassName?: string; restClassName?: string };
};

/** The images of one prediction; a click opens the page's lightbox, flagged ones wait for a reveal. */
export function Gallery({ view, eager, large, compact, priority, between }: Props) {
  const openLightbox = useOpenLightbox();
  const first = view.outputs[0];
  if (!first) return between?.node ?? null;
  const count = view.outputs.length;
  // Large (a share page): the originals themselves, shown at their size.
  const sizes = large ? undefined : gallerySizes(first.width, first.height, count, compact);

  const item = (output: PredictionView["outputs"][number], position: number) => (
    <li key={output.index} onPointerEnter={loadLightbox} onFocus={loadLightbox} className={between ? "min-w-0" : undefined}>
      <ResultImage
        output={output}
        alt={shortPrompt(view.input.prompt)}
        label={`Open image ${position + 1} of ${count}`}
        runId={view.id}
        sizes={sizes}
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
