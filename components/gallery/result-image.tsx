"use client";

import { EyeIcon } from "@/components/ui/icons";
import type { OutputView } from "@/lib/playground-api";

type Props = {
  output: OutputView;
  alt: string;
  label: string;
  hidden: boolean;
  eager?: boolean;
  /** The page's largest paint: fetched ahead of other images. */
  priority?: boolean;
  onOpen: () => void;
  onReveal: () => void;
};

/**
 * The original image, with its small WebP as a backdrop while it loads.
 * A flagged image stays blurred (and gets no sharp backdrop) until revealed.
 */
export function ResultImage({ output, alt, label, hidden, eager, priority, onOpen, onReveal }: Props) {
  return (
    <div
      className="group relative overflow-hidden rounded-lg bg-muted bg-cover bg-center"
      style={{ aspectRatio: `${output.width} / ${output.height}`, backgroundImage: output.nsfw ? undefined : `url(${output.thumbUrl})` }}
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
      {hidden && (
        <button
          type="button"
          onClick={onReveal}
          title="Flagged as possibly sensitive"
          className="absolute inset-0 grid place-items-center rounded-lg bg-scrim/20 p-1"
        >
          <span className="flex items-center gap-1.5 rounded-full bg-surface/90 px-2.5 py-1 text-xs font-medium text-fg shadow">
            <EyeIcon />
            Click to reveal
            <span className="sr-only"> (flagged as possibly sensitive)</span>
          </span>
        </button>
      )}
    </div>
  );
}
