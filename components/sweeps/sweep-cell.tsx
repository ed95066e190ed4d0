"use client";

import { ImageActions } from "@/components/gallery/image-actions";
import { loadLightbox, useOpenLightbox } from "@/components/gallery/lightbox-context";
import { RevealOverlay } from "@/components/gallery/reveal-overlay";
import { useRevealed } from "@/hooks/use-id-sets";
import { imageKey, revealedImages } from "@/lib/browser/id-set-store";
import { SWEEP_CELL_CANCELLED } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";

type Props = {
  cell: PredictionView | undefined;
  label: string;
  aspect: string;
  eager: boolean;
  /** The first row: the page's largest paint, fetched ahead of the rest. */
  priority: boolean;
  /** Star, select and Edit over the image: only on cells large enough to hold them beside the picture (the lightbox has them too). */
  actions: boolean;
};

/** What a cell without its image says: only an ending is worth words; waiting and running show as a shimmer. */
const SHOWN_STATES = new Set(["failed", "cancelled", "no image"]);

/** One cell of the grid: its first image as a thumbnail (the lightbox has the rest), or where it stands. */
export function SweepCell({ cell, label, aspect, eager, priority, actions }: Props) {
  const output = cell?.status === "completed" ? cell.outputs[0] : undefined;
  const revealed = useRevealed(cell?.id ?? "", output?.index ?? 0);
  const openLightbox = useOpenLightbox();
  const state = !cell
    ? "not started"
    : cell.status === "failed"
      ? cell.error === SWEEP_CELL_CANCELLED
        ? "cancelled"
        : "failed"
      : cell.status === "completed"
        ? output
          ? "completed"
          : "no image"
        : cell.status;
  const hidden = Boolean(output?.nsfw) && !revealed;
  return (
    <div
      className="relative overflow-hidden rounded-lg bg-muted"
      style={{ aspectRatio: aspect }}
      data-testid="sweep-cell"
      data-state={state}
      data-seed={cell?.input.seed}
      data-guidance={cell?.input.guidance_scale}
    >
      {output && cell ? (
        <>
          <button
            type="button"
            onClick={() => openLightbox(cell.id, 0)}
            onPointerEnter={loadLightbox}
            aria-label={`Open ${label}`}
            disabled={hidden}
            className="block size-full"
          >
            <img
              src={output.thumbUrl}
              alt={label}
              width={output.width}
              height={output.height}
              loading={eager ? "eager" : "lazy"}
              fetchPriority={priority ? "high" : undefined}
              decoding="async"
              className={`size-full object-cover ${hidden ? "scale-110 blur-2xl" : ""}`}
            />
          </button>
          {hidden && <RevealOverlay compact onReveal={() => revealedImages.add(imageKey(cell.id, output.index))} />}
          {actions && (
            <div className="absolute top-1.5 right-1.5 flex gap-1">
              <ImageActions view={cell} output={output} position={1} />
            </div>
          )}
        </>
      ) : (
        <div
          className={`grid size-full place-items-center overflow-hidden p-1 text-center text-xs ${state === "failed" ? "text-danger" : "text-fg-muted"} ${
            SHOWN_STATES.has(state) ? "" : "shimmer"
          }`}
          title={cell?.error || undefined}
        >
          <span className={SHOWN_STATES.has(state) ? "" : "sr-only"}>
            {state === "failed" || state === "cancelled" || state === "no image"
              ? state
              : state === "processing"
                ? "running"
                : "waiting"}
          </span>
        </div>
      )}
    </div>
  );
}
