"use client";

import type { CSSProperties } from "react";
import { SplitView } from "@/components/edit/split-view";
import type { CompareItem } from "@/lib/view/compare";

type Props = {
  items: [CompareItem, CompareItem];
  position: number;
  onPosition: (position: number) => void;
  transform: string;
  /** Zoomed in: a drag pans, the handle still moves the divider. */
  zoomed: boolean;
  frameClassName: string;
  frameStyle: CSSProperties;
};

const LABEL = "pointer-events-none absolute top-2 rounded-full bg-surface/85 px-2 py-0.5 text-xs font-semibold shadow";

/** Two images on top of each other: the first shows left of the divider, the second right of it. */
export function CompareSlider({ items, position, onPosition, transform, zoomed, frameClassName, frameStyle }: Props) {
  const [left, right] = items;
  const image = (item: CompareItem, index: number) => (
    <img
      src={item.output.url}
      alt={`${index}: ${item.view.input.prompt}`}
      draggable={false}
      className="size-full object-contain select-none"
      style={{ transform }}
    />
  );
  return (
    <SplitView
      label="Image 1 and image 2"
      aspectRatio={`${left.output.width} / ${left.output.height}`}
      position={position}
      onPosition={onPosition}
      pressAnywhere={!zoomed}
      className={`mx-auto rounded-2xl bg-muted ${frameClassName}`}
      style={frameStyle}
      testId="compare-slider"
      left={image(left, 1)}
      right={image(right, 2)}
    >
      <span className={`${LABEL} left-2`}>1</span>
      <span className={`${LABEL} right-2`}>2</span>
    </SplitView>
  );
}
