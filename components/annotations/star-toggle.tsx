"use client";

import { StarIcon } from "@/components/ui/icons";
import { useAnnotate } from "@/hooks/use-annotate";
import { useHydrated } from "@/hooks/use-hydrated";

type Props = {
  predictionId: string;
  index: number;
  starred: boolean;
  /** Position in the run, as people count (1-based), for the accessible name. */
  position: number;
  /** `overlay`: on an image; `plain`: in a row of controls. */
  look?: "overlay" | "plain";
  className?: string;
};

/** A star on one image: any card, the lightbox or history can mount it. */
export function StarToggle({ predictionId, index, starred, position, look = "overlay", className = "" }: Props) {
  const annotate = useAnnotate(predictionId);
  // Until hydrated, a click stars nothing; tests (and only they) wait for this mark.
  const ready = useHydrated();
  // Shown at once; the server's answer (or the event stream) then confirms it.
  const shown = annotate.isPending ? Boolean(annotate.variables?.star?.starred) : starred;
  const style =
    look === "overlay"
      ? "size-8 rounded-full bg-surface/85 shadow backdrop-blur hover:bg-surface"
      : "h-8 rounded-lg px-2 hover:bg-muted";
  return (
    <button
      type="button"
      aria-pressed={shown}
      aria-label={`Star image ${position}`}
      title={shown ? "Starred: click to unstar" : "Star this image"}
      data-testid="star-toggle"
      data-ready={ready}
      onClick={(event) => {
        event.stopPropagation();
        annotate.mutate({ star: { index, starred: !shown } });
      }}
      className={`inline-flex items-center justify-center gap-1 text-xs ${shown ? "text-warning" : "text-fg-muted hover:text-fg"} ${style} ${className}`}
    >
      <StarIcon filled={shown} />
    </button>
  );
}
