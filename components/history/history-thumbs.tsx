"use client";

import { useState } from "react";
import { RevealOverlay } from "@/components/gallery/reveal-overlay";
import { Skeleton } from "@/components/ui/skeleton";
import { isTerminal } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";
import { imageSrcSet } from "@/lib/view/image-sizes";

/** A column of the history's grid (4, 3, 2 across), or a phone's 6rem square; a mosaic's tile is half that. */
const THUMB_WHOLE =
  "(min-width: 1280px) 19rem, (min-width: 1024px) calc((100vw - 4.5rem) / 3), (min-width: 640px) calc((100vw - 4rem) / 2), 6rem";
const THUMB_HALF =
  "(min-width: 1280px) 9.5rem, (min-width: 1024px) calc((100vw - 4.5rem) / 6), (min-width: 640px) calc((100vw - 4rem) / 4), 3rem";

const MOSAIC: Record<number, string> = {
  1: "grid-cols-1",
  2: "grid-cols-2",
  3: "grid-cols-2 grid-rows-2",
  4: "grid-cols-2 grid-rows-2",
};

/**
 * Up to four small WebP thumbnails of one prediction, never the originals.
 * As in the playground's gallery, flagged images stay blurred until revealed.
 * Decorative to assistive technology: the entry's link already names the prompt.
 */
type Props = {
  view: PredictionView;
  /** In the first row: loaded with the page rather than when scrolled to. */
  eager: boolean;
  onRevealed: () => void;
};

export function HistoryThumbs({ view, eager, onRevealed }: Props) {
  const [revealed, setRevealed] = useState(false);
  const outputs = view.outputs.slice(0, 4);
  const hidden = !revealed && outputs.some((output) => output.nsfw);

  return (
    <div className="relative aspect-square w-24 shrink-0 self-start overflow-hidden rounded-xl bg-muted sm:w-full">
      {view.status === "completed" && outputs.length > 0 ? (
        <div className={`grid size-full gap-0.5 ${MOSAIC[outputs.length]}`}>
          {outputs.map((output) => (
            <img
              key={output.index}
              data-testid="history-thumb"
              src={output.thumbUrl}
              srcSet={imageSrcSet({ thumbUrl: output.thumbUrl, width: output.width })}
              // The first row is fetched before layout: its square (a column of the grid, a phone's 6rem), halved in a mosaic.
              sizes={`${eager ? "" : "auto, "}${outputs.length > 1 ? THUMB_HALF : THUMB_WHOLE}`}
              alt=""
              loading={eager ? "eager" : "lazy"}
              decoding="async"
              className={`size-full min-h-0 object-contain ${output.nsfw && !revealed ? "scale-110 blur-2xl" : ""}`}
            />
          ))}
        </div>
      ) : isTerminal(view.status) ? (
        <div aria-hidden="true" className="grid size-full place-items-center text-xs text-fg-muted">
          No images
        </div>
      ) : (
        <Skeleton className="size-full rounded-none" />
      )}
      {hidden && (
        // Above the entry's stretched link, so the click reveals rather than opens;
        // the frame clips overflow, so the focus ring is drawn inside its edge.
        <RevealOverlay
          compact
          className="z-10 rounded-xl focus-visible:outline-offset-[-4px]"
          onReveal={() => {
            setRevealed(true);
            onRevealed();
          }}
        />
      )}
    </div>
  );
}
