"use client";

import { forwardRef, type ReactNode, useState } from "react";
import { OwnerOnly } from "@/components/access/owner-only";
import { ImageActions } from "@/components/gallery/image-actions";
import { RevealOverlay } from "@/components/gallery/reveal-overlay";
import { buttonClass } from "@/components/ui/button";
import { SlidersIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { shortId } from "@/lib/domain";
import type { CompareItem } from "@/lib/view/compare";
import { playgroundHref, valuesFromInput } from "@/lib/view/form-values";
import { ActualSizeScroller } from "./actual-size-scroller";
import type { CompareFrame } from "./frame";

type Props = {
  item: CompareItem;
  position: number;
  transform: string;
  handlers: Record<string, unknown>;
  touchClass: string;
  frame: CompareFrame;
  focused: boolean;
  footer?: ReactNode;
};

/** One image of a compare: its frame (zoomed and panned with the others), label and actions. */
export const ComparePane = forwardRef<HTMLElement, Props>(function ComparePane(
  { item, position, transform, handlers, touchClass, frame, focused },
  ref,
) {
  const { view, output } = item;
  const [revealed, setRevealed] = useState(false);
  const hidden = output.nsfw && !revealed;
  return (
    <figure
      ref={ref}
      tabIndex={-1}
      aria-label={`Image ${position}`}
      data-testid="compare-pane"
      data-focused={focused}
      className={`flex min-w-0 flex-col gap-2 rounded-2xl border bg-surface p-2 outline-none ${focused ? "border-accent" : "border-border"}`}
    >
      <ActualSizeScroller on={frame.actualSize} label={`Image ${position} at 100%`}>
        <div
          className={`relative mx-auto cursor-grab overflow-hidden rounded-lg bg-muted active:cursor-grabbing ${touchClass} ${frame.frameClassName}`}
          style={frame.frameStyle}
          {...handlers}
        >
          <img
            src={output.url}
            alt={`${position}: ${view.input.prompt}`}
            width={output.width}
            height={output.height}
            draggable={false}
            data-testid="compare-image"
            className={`size-full object-contain transition-transform duration-75 select-none ${hidden ? "blur-2xl" : ""}`}
            style={{ transform }}
          />
          {hidden && <RevealOverlay onReveal={() => setRevealed(true)} />}
          <span className="absolute top-2 left-2 grid size-6 place-items-center rounded-full bg-surface/85 text-xs font-semibold shadow">
            {position}
          </span>
          <div className="absolute top-2 right-2 flex gap-1.5">
            <ImageActions view={view} output={output} position={output.index + 1} />
          </div>
        </div>
      </ActualSizeScroller>
      <figcaption className="flex flex-wrap items-center gap-x-2 gap-y-1 px-1 text-xs text-fg-muted">
        <NavLink href={`/p/${encodeURIComponent(view.id)}`} className="font-mono hover:text-fg">
          {shortId(view.id)}
        </NavLink>
        <span>image {output.index + 1}</span>
        <span>seed {view.input.seed}</span>
        <OwnerOnly>
          <NavLink
            href={playgroundHref(valuesFromInput(view.input), { id: view.id, kind: "tweak" })}
            className={buttonClass({ variant: "ghost", size: "sm", className: "ml-auto" })}
            title="Open these settings in the playground; what you make is recorded as a tweak of this run"
          >
            <SlidersIcon />
            Tweak
          </NavLink>
        </OwnerOnly>
      </figcaption>
    </figure>
  );
});
