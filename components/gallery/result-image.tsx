"use client";

import type { ReactNode } from "react";
import { useRevealed } from "@/hooks/use-id-sets";
import type { OutputView } from "@/lib/playground-api";
import { RevealOverlay } from "./reveal-overlay";

type Props = {
  output: OutputView;
  alt: string;
  label: string;
  /** The run it belongs to: a flagged image stays hidden until revealed anywhere on the page. */
  runId: string;
  eager?: boolean;
  /** The page's largest paint: fetched ahead of other images. */
  priority?: boolean;
  onOpen: () => void;
  onReveal: () => void;
  /** Small controls over the image's corner (star, select); kept out of the open button. */
  actions?: ReactNode;
};

/**
 * The original image, with its small WebP as a backdrop while it loads. Never taller than the
 * window allows (`--image-max-h`, 70% of it unless a page says otherwise), so a tall image leaves
 * its card's actions in view. A flagged image stays blurred (and gets no sharp backdrop) until revealed.
 */
export function ResultImage({ output, alt, label, runId, eager, priority, onOpen, onReveal, actions }: Props) {
  const revealed = useRevealed(runId, output.index);
  const hidden = output.nsfw && !revealed;
  return (
    <div
      className="group relative mx-auto w-full overflow-hidden rounded-lg bg-muted bg-cover bg-center"
      data-testid="result-frame"
      style={{
        aspectRatio: `${output.width} / ${output.height}`,
        maxWidth: `calc(var(--image-max-h, 70svh) * ${output.width} / ${output.height})`,
        backgroundImage: output.nsfw ? undefined : `url(${output.thumbUrl})`,
      }}
    >
      <button type="button" onClick={onOpen} aria-label={label} disabled={hidden} className="block size-full rounded-lg">
        {/* A plain <img>: this app serves the file already sized, next/image would only re-encode it. */}
        <img
          data-testid="result-image"
          src={output.url}
          alt={alt}
          width={output.width}
          height={output.height}
          loading={eager ? "eager" : "lazy"}
          fetchPriority={priority ? "high" : undefined}
          decoding="async"
          className={`size-full object-cover transition duration-300 group-hover:brightness-105 ${hidden ? "scale-110 blur-2xl" : ""}`}
        />
      </button>
      {hidden && <RevealOverlay onReveal={onReveal} className="rounded-lg" />}
      {actions && <div className="absolute top-2 right-2 flex gap-1.5">{actions}</div>}
    </div>
  );
}
