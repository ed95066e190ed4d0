"use client";

import type { ReactNode } from "react";
import { useRevealed } from "@/hooks/use-id-sets";
import type { OutputView } from "@/lib/playground-api";
import { imageSrcSet, thumbAt } from "@/lib/view/image-sizes";
import { RevealOverlay } from "./reveal-overlay";

type Props = {
  output: OutputView;
  alt: string;
  label: string;
  /** The run it belongs to: a flagged image stays hidden until revealed anywhere on the page. */
  runId: string;
  /** How wide it is shown (gallerySizes), to pick the copy that fits; without it, the original. */
  sizes?: string;
  eager?: boolean;
  /** The page's largest paint: fetched ahead of other images. */
  priority?: boolean;
  onOpen: () => void;
  onReveal: () => void;
  /** Small controls (star, select, edit); kept out of the open button. */
  actions?: ReactNode;
};

/**
 * An output at the width it is shown: a srcset of its copies (thumbnails up to the original), the
 * smallest one as a backdrop while it loads. Never taller than the window allows (`--image-max-h`,
 * 70% of it unless a page says otherwise), so a tall image leaves its card's actions in view. A
 * flagged image stays blurred (and gets no sharp backdrop) until revealed. The controls sit over its
 * corner where it is wide enough, and in a row under it where it is not, so they never cover it.
 */
export function ResultImage({ output, alt, label, runId, sizes, eager, priority, onOpen, onReveal, actions }: Props) {
  const revealed = useRevealed(runId, output.index);
  const hidden = output.nsfw && !revealed;
  return (
    <div
      className="@container relative mx-auto w-full"
      style={{ maxWidth: `calc(var(--image-max-h, 70svh) * ${output.width} / ${output.height})` }}
    >
      <div
        className="group relative w-full overflow-hidden rounded-lg bg-muted bg-cover bg-center"
        data-testid="result-frame"
        style={{
          aspectRatio: `${output.width} / ${output.height}`,
          backgroundImage: output.nsfw ? undefined : `url(${thumbAt(output.thumbUrl, 48)})`,
        }}
      >
        <button type="button" onClick={onOpen} aria-label={label} disabled={hidden} className="block size-full rounded-lg">
          {/* A plain <img>: this app serves every size already made, next/image would only re-encode them. */}
          <img
            data-testid="result-image"
            src={output.url}
            srcSet={sizes ? imageSrcSet(output) : undefined}
            sizes={sizes && (eager ? sizes : `auto, ${sizes}`)}
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
      </div>
      {actions && (
        <div
          className="flex justify-end gap-1.5 pt-1.5 @min-[16rem]:absolute @min-[16rem]:top-2 @min-[16rem]:right-2 @min-[16rem]:pt-0"
          data-testid="image-actions"
        >
          {actions}
        </div>
      )}
    </div>
  );
}
