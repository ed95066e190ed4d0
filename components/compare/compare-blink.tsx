"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { CompareItem } from "@/lib/view/compare";
import { ActualSizeScroller } from "./actual-size-scroller";
import type { CompareFrame } from "./frame";

const BLINK_MS = 700;

type Props = {
  items: [CompareItem, CompareItem];
  transform: string;
  handlers: Record<string, unknown>;
  frame: CompareFrame;
  touchClass: string;
};

/** Two images in one frame, swapping in place, so a small difference jumps out. */
export function CompareBlink({ items, transform, handlers, frame, touchClass }: Props) {
  const [shown, setShown] = useState(0);
  const [auto, setAuto] = useState(true);
  useEffect(() => {
    if (!auto) return;
    const timer = setInterval(() => setShown((current) => 1 - current), BLINK_MS);
    return () => clearInterval(timer);
  }, [auto]);
  const item = items[shown];
  return (
    <div className="flex flex-col gap-3">
      <ActualSizeScroller on={frame.actualSize} label="The blinking images at 100%">
        <div
          className={`relative mx-auto cursor-grab overflow-hidden rounded-2xl bg-muted active:cursor-grabbing ${touchClass} ${frame.frameClassName}`}
          style={frame.frameStyle}
          data-testid="compare-blink"
          data-shown={shown + 1}
          {...handlers}
        >
          {items.map((candidate, index) => (
            <img
              key={`${candidate.view.id}.${candidate.output.index}`}
              src={candidate.output.url}
              alt={`${index + 1}: ${candidate.view.input.prompt}`}
              draggable={false}
              className={`absolute inset-0 size-full object-contain select-none ${index === shown ? "" : "invisible"}`}
              style={{ transform }}
            />
          ))}
          <span className="absolute top-2 left-2 rounded-full bg-surface/85 px-2 py-0.5 text-xs font-semibold shadow">
            {shown + 1}
          </span>
        </div>
      </ActualSizeScroller>
      <div className="flex justify-center gap-2">
        <Button size="sm" onClick={() => setAuto((current) => !current)} aria-pressed={auto}>
          {auto ? "Pause blinking" : "Blink"}
        </Button>
        <Button
          size="sm"
          onClick={() => {
            setAuto(false);
            setShown((current) => 1 - current);
          }}
        >
          Show image {2 - shown}
        </Button>
      </div>
      <p className="sr-only" aria-live="polite">
        Showing image {item ? shown + 1 : ""}
      </p>
    </div>
  );
}
