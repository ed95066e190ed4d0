"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { LinkIcon } from "@/components/ui/icons";
import { Segmented } from "@/components/ui/segmented";
import { useHydrated } from "@/hooks/use-hydrated";
import { useZoomPan } from "@/hooks/use-zoom-pan";
import type { CompareItem } from "@/lib/view/compare";
import { CompareBlink } from "./compare-blink";
import { ComparePane } from "./compare-pane";
import { CompareSlider } from "./compare-slider";
import { frameOf } from "./frame";

type Mode = "side" | "slider" | "blink";
const LAYOUTS = [
  ["side", "Side by side"],
  ["slider", "Slider"],
  ["blink", "Blink"],
] as const;
const SLIDER_STEP = 5;

const COLUMNS: Record<number, string> = {
  1: "grid-cols-1",
  2: "grid-cols-1 sm:grid-cols-2",
  3: "grid-cols-1 sm:grid-cols-3",
  4: "grid-cols-1 sm:grid-cols-2 xl:grid-cols-4",
};

/** Keys typed into a field are the field's, not the page's. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/**
 * 2 to 4 images side by side, zoomed and panned together; two can also be laid over each
 * other with a slider, or blinked. Keys: 1–4 focus an image (again to go back), ←/→ move the slider.
 */
export function CompareView({ items, shareUrl }: { items: CompareItem[]; shareUrl: string }) {
  const [mode, setMode] = useState<Mode>("side");
  const [focused, setFocused] = useState<number | null>(null);
  const [slider, setSlider] = useState(50);
  const [fit, setFit] = useState(true);
  const zoom = useZoomPan();
  const panes = useRef<Array<HTMLElement | null>>([]);
  const pair = items.length === 2 ? (items as [CompareItem, CompareItem]) : null;
  const ready = useHydrated();

  const focusImage = useCallback(
    (index: number) => {
      if (index >= items.length) return;
      setMode("side");
      setFocused((current) => (current === index ? null : index));
    },
    [items.length],
  );

  useEffect(() => {
    if (focused !== null) panes.current[focused]?.focus();
  }, [focused]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (/^[1-4]$/.test(event.key)) focusImage(Number(event.key) - 1);
      else if (event.key === "Escape") setFocused(null);
      else if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && mode === "slider") {
        const step = event.key === "ArrowLeft" ? -SLIDER_STEP : SLIDER_STEP;
        setSlider((current) => Math.min(100, Math.max(0, current + step)));
      } else if (event.key === "+" || event.key === "=") zoom.zoomIn();
      else if (event.key === "-") zoom.zoomOut();
      else if (event.key === "0") zoom.reset();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [focusImage, mode, zoom]);

  const shown = focused === null ? items : items.filter((_, index) => index === focused);

  return (
    <section aria-label="Images compared" data-ready={ready} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        {pair && (
          <Segmented
            label={{ text: "Layout" }}
            name="compare-layout"
            options={LAYOUTS}
            value={mode}
            onChange={(option) => {
              setMode(option);
              setFocused(null);
            }}
          />
        )}
        <fieldset className="inline-flex items-center gap-1">
          <legend className="sr-only">Zoom</legend>
          <Button size="sm" onClick={zoom.zoomOut} aria-label="Zoom out" disabled={zoom.view.scale <= 1}>
            −
          </Button>
          <span className="w-12 text-center text-xs text-fg-muted tabular-nums" data-testid="zoom-level">
            {Math.round(zoom.view.scale * 100)}%
          </span>
          <Button size="sm" onClick={zoom.zoomIn} aria-label="Zoom in">
            +
          </Button>
          <Button size="sm" variant="ghost" onClick={zoom.reset}>
            Reset
          </Button>
        </fieldset>
        <Button size="sm" onClick={() => setFit((current) => !current)} aria-pressed={!fit} data-testid="fit-toggle">
          {fit ? "100%" : "Fit to screen"}
        </Button>
        {focused !== null && (
          <Button size="sm" variant="ghost" onClick={() => setFocused(null)}>
            Show all {items.length}
          </Button>
        )}
        <span className="ml-auto">
          <CopyButton text={shareUrl} label="Copy compare link" icon={<LinkIcon />} />
        </span>
      </div>
      <p className="text-xs text-fg-muted">
        Ctrl (⌘) + scroll, a pinch or the buttons zoom; drag to pan once zoomed: every image follows. Keys 1–
        {items.length} focus one image{pair ? ", ← and → move the slider" : ""}.
      </p>
      {mode === "slider" && pair ? (
        <div className={`overflow-hidden rounded-2xl ${zoom.touchClass}`} {...zoom.handlers}>
          <CompareSlider
            items={pair}
            position={slider}
            onPosition={setSlider}
            transform={zoom.transform}
            zoomed={zoom.view.scale > 1}
            {...frameOf(pair[0].output, fit)}
          />
        </div>
      ) : mode === "blink" && pair ? (
        <CompareBlink
          items={pair}
          transform={zoom.transform}
          handlers={zoom.handlers}
          frame={frameOf(pair[0].output, fit)}
          touchClass={zoom.touchClass}
        />
      ) : (
        <div className={`grid items-start gap-3 ${COLUMNS[shown.length]}`}>
          {shown.map((item) => {
            const index = items.indexOf(item);
            return (
              <ComparePane
                key={`${item.view.id}.${item.output.index}`}
                ref={(element) => {
                  panes.current[index] = element;
                }}
                item={item}
                position={index + 1}
                transform={zoom.transform}
                handlers={zoom.handlers}
                touchClass={zoom.touchClass}
                frame={frameOf(item.output, fit)}
                focused={focused === index}
              />
            );
          })}
        </div>
      )}
    </section>
  );
}
