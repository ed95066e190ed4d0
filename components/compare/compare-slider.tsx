"use client";

import type { CompareItem } from "@/lib/view/compare";

type Props = {
  items: [CompareItem, CompareItem];
  position: number;
  onPosition: (position: number) => void;
  transform: string;
  handlers: Record<string, unknown>;
};

/** Two images on top of each other: the first shows left of the slider, the second right of it. */
export function CompareSlider({ items, position, onPosition, transform, handlers }: Props) {
  const [left, right] = items;
  return (
    <div className="flex flex-col gap-3">
      <div
        className="relative mx-auto w-full max-w-4xl cursor-grab touch-none overflow-hidden rounded-2xl bg-muted active:cursor-grabbing"
        style={{ aspectRatio: `${left.output.width} / ${left.output.height}` }}
        data-testid="compare-slider"
        {...handlers}
      >
        <img
          src={right.output.url}
          alt={`2: ${right.view.input.prompt}`}
          draggable={false}
          className="absolute inset-0 size-full object-contain select-none"
          style={{ transform }}
        />
        <div className="absolute inset-0" style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }} data-testid="slider-clip">
          <img
            src={left.output.url}
            alt={`1: ${left.view.input.prompt}`}
            draggable={false}
            className="size-full object-contain select-none"
            style={{ transform }}
          />
        </div>
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-y-0 w-0.5 bg-white shadow"
          style={{ left: `${position}%` }}
        />
        <span className="absolute top-2 left-2 rounded-full bg-surface/85 px-2 py-0.5 text-xs font-semibold shadow">1</span>
        <span className="absolute top-2 right-2 rounded-full bg-surface/85 px-2 py-0.5 text-xs font-semibold shadow">2</span>
      </div>
      <label className="mx-auto flex w-full max-w-4xl items-center gap-3 text-sm">
        <span className="shrink-0 text-fg-muted">Slider position</span>
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={position}
          onChange={(event) => onPosition(Number(event.target.value))}
          className="w-full"
          data-testid="slider-position"
        />
      </label>
    </div>
  );
}
