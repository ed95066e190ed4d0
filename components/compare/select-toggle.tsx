"use client";

import { CheckIcon, CompareIcon } from "@/components/ui/icons";
import { useHydrated } from "@/hooks/use-hydrated";
import { useSelection } from "@/hooks/use-selection";
import { MAX_COMPARE, type SelectedImage, selection } from "@/lib/browser/selection";

type Props = {
  image: SelectedImage;
  /** 1-based, for the accessible name. */
  position: number;
  look?: "overlay" | "plain";
  className?: string;
};

/** Picks an image for a compare (the selection tray shows it). Any card, the lightbox, history or a sweep can mount it. */
export function SelectToggle({ image, position, look = "overlay", className = "" }: Props) {
  const items = useSelection();
  const selected = items.some((item) => item.id === image.id && item.index === image.index);
  const full = !selected && items.length >= MAX_COMPARE;
  const ready = useHydrated();
  const style =
    look === "overlay"
      ? "size-8 rounded-full bg-surface/85 shadow backdrop-blur hover:bg-surface"
      : "h-8 gap-1 rounded-lg px-2 text-xs hover:bg-muted";
  return (
    <button
      type="button"
      aria-pressed={selected}
      aria-label={`Select image ${position} for compare`}
      title={full ? `At most ${MAX_COMPARE} images can be compared` : selected ? "Selected for compare" : "Select for compare"}
      aria-disabled={full}
      data-testid="select-toggle"
      data-ready={ready}
      onClick={(event) => {
        event.stopPropagation();
        if (!full) selection.toggle(image);
      }}
      className={`inline-flex items-center justify-center ${selected ? "text-accent" : "text-fg-muted hover:text-fg"} ${full ? "opacity-50" : ""} ${style} ${className}`}
    >
      {selected ? <CheckIcon /> : <CompareIcon />}
    </button>
  );
}
