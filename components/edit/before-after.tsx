"use client";

import { ImageActions } from "@/components/gallery/image-actions";
import { loadLightbox, useOpenLightbox } from "@/components/gallery/lightbox-context";
import { ZoomIcon } from "@/components/ui/icons";
import type { PredictionView } from "@/lib/playground-api";
import { SplitView } from "./split-view";

const CHIP = "pointer-events-none absolute bottom-2 rounded-full bg-black/60 px-2 py-0.5 text-xs font-medium text-white";

/**
 * An edit's before and after. One input: the two on top of each other with a divider to drag,
 * press or move by keyboard; this stands in for the result's gallery, so the result shows once.
 * Multi: the inputs in a row (the gallery shows the result). Nothing for a text-to-image run, or
 * before the result exists.
 */
export function BeforeAfter({
  view,
  large = false,
  priority = false,
}: {
  view: PredictionView;
  large?: boolean;
  priority?: boolean;
}) {
  const edit = view.input.edit;
  const after = view.outputs[0];
  const openLightbox = useOpenLightbox();
  if (!edit || !after || view.status !== "completed") return null;
  const before = edit.images[0];
  if (edit.kind === "multi")
    return (
      <figure className="flex flex-col gap-2" data-testid="before-after">
        <ul className="flex flex-wrap gap-2" aria-label="Before: the input pictures">
          {edit.images.map((image, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one picture may be given twice; its place is part of what it is
            <li key={`${index}:${image.sha256}`}>
              <img
                src={image.thumbUrl}
                alt={`Input ${index + 1}`}
                className="size-20 rounded-lg border border-border object-cover"
              />
            </li>
          ))}
        </ul>
        <figcaption className="text-xs text-fg-muted">Combined into the image below.</figcaption>
      </figure>
    );
  const image = "size-full object-contain";
  return (
    <figure
      className={`mx-auto flex w-full flex-col gap-2 ${large ? "" : "max-w-md"}`}
      style={{ maxWidth: large ? `calc(var(--image-max-h, 70svh) * ${after.width} / ${after.height})` : undefined }}
      data-testid="before-after"
    >
      <SplitView
        label="Before and after"
        aspectRatio={`${after.width} / ${after.height}`}
        className="w-full rounded-xl bg-muted"
        left={
          <img
            src={before.url}
            alt="Before"
            draggable={false}
            className={image}
            data-testid="before-image"
            loading={large || priority ? "eager" : "lazy"}
          />
        }
        right={
          <img
            src={after.url}
            alt={`After: ${view.input.prompt}`}
            width={after.width}
            height={after.height}
            draggable={false}
            className={image}
            data-testid="after-image"
            loading={large || priority ? "eager" : "lazy"}
            fetchPriority={large || priority ? "high" : undefined}
          />
        }
      >
        <span aria-hidden="true" className={`${CHIP} left-2`}>
          Before
        </span>
        <span aria-hidden="true" className={`${CHIP} right-2`}>
          After
        </span>
        <div className="absolute top-2 right-2 z-20 flex gap-1.5" onPointerDown={(event) => event.stopPropagation()}>
          <ImageActions view={view} output={after} position={1} />
          <button
            type="button"
            onClick={() => openLightbox(view.id, 0)}
            onPointerEnter={loadLightbox}
            onFocus={loadLightbox}
            aria-label="Open the result large"
            title="Open the result large"
            className="grid size-8 place-items-center rounded-full bg-surface/85 text-fg-muted shadow backdrop-blur hover:bg-surface hover:text-fg"
          >
            <ZoomIcon />
          </button>
        </div>
      </SplitView>
    </figure>
  );
}
