"use client";

import { type PointerEvent, useCallback, useMemo, useRef, useState } from "react";

export type ZoomPan = { scale: number; x: number; y: number };

const MIN_SCALE = 1;
const MAX_SCALE = 8;
const START: ZoomPan = { scale: 1, x: 0, y: 0 };
/** How much one notch of Ctrl+wheel zooms. */
const WHEEL_FACTOR = 1.2;

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

type Point = { x: number; y: number };
type Frame = { left: number; top: number; width: number; height: number };
const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * One zoom and pan shared by every pane of a compare, in fractions of a pane's size, so panes of
 * different sizes stay on the same spot. As on maps and photo sites: a plain wheel scrolls the
 * page; Ctrl/⌘+wheel (and a trackpad's pinch, which the browser sends as one) zooms around the
 * pointer, two fingers pinch, one drags to pan once zoomed in; the buttons zoom about the middle.
 */
export function useZoomPan() {
  const [view, setView] = useState<ZoomPan>(START);
  const pointers = useRef(new Map<number, Point>());
  const frame = useRef<Frame | null>(null);

  const zoomBy = useCallback((factor: number, at = { fx: 0.5, fy: 0.5 }) => {
    setView((current) => {
      const scale = clampScale(current.scale * factor);
      if (scale === 1) return START;
      // Keep the point under the pointer where it is: offsets scale about it.
      const ratio = scale / current.scale;
      const x = (current.x - (at.fx - 0.5)) * ratio + (at.fx - 0.5);
      const y = (current.y - (at.fy - 0.5)) * ratio + (at.fy - 0.5);
      return clampOffsets({ scale, x, y });
    });
  }, []);

  /** Each pane: Ctrl/⌘+wheel zooms. A native listener, since React's wheel listener cannot keep the page from zooming. */
  const wheelRef = useCallback(
    (element: HTMLElement | null) => {
      if (!element) return;
      const onWheel = (event: WheelEvent) => {
        if (!event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        const box = element.getBoundingClientRect();
        zoomBy(event.deltaY < 0 ? WHEEL_FACTOR : 1 / WHEEL_FACTOR, {
          fx: (event.clientX - box.left) / box.width,
          fy: (event.clientY - box.top) / box.height,
        });
      };
      element.addEventListener("wheel", onWheel, { passive: false });
      return () => element.removeEventListener("wheel", onWheel);
    },
    [zoomBy],
  );

  const onPointerDown = useCallback((event: PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    frame.current = { left: box.left, top: box.top, width: box.width, height: box.height };
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    event.currentTarget.setPointerCapture?.(event.pointerId);
  }, []);

  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const known = pointers.current.get(event.pointerId);
      const box = frame.current;
      if (!known || !box) return;
      const next = { x: event.clientX, y: event.clientY };
      if (pointers.current.size >= 2) {
        // A pinch: the scale follows the fingers' spread, about their midpoint.
        const other = [...pointers.current.entries()].find(([id]) => id !== event.pointerId)?.[1];
        pointers.current.set(event.pointerId, next);
        if (!other || distance(known, other) === 0) return;
        const mid = { x: (next.x + other.x) / 2, y: (next.y + other.y) / 2 };
        zoomBy(distance(next, other) / distance(known, other), {
          fx: (mid.x - box.left) / box.width,
          fy: (mid.y - box.top) / box.height,
        });
        return;
      }
      pointers.current.set(event.pointerId, next);
      const dx = (next.x - known.x) / box.width;
      const dy = (next.y - known.y) / box.height;
      setView((current) => (current.scale === 1 ? current : clampOffsets({ ...current, x: current.x + dx, y: current.y + dy })));
    },
    [zoomBy],
  );

  const onPointerUp = useCallback((event: PointerEvent<HTMLElement>) => {
    pointers.current.delete(event.pointerId);
  }, []);

  const handlers = useMemo(
    () => ({ ref: wheelRef, onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp }),
    [wheelRef, onPointerDown, onPointerMove, onPointerUp],
  );

  return {
    view,
    zoomIn: () => zoomBy(1.5),
    zoomOut: () => zoomBy(1 / 1.5),
    reset: () => setView(START),
    /** Spread on each pane's frame. */
    handlers,
    /** Zoomed in, a one-finger drag pans; at 1× it scrolls the page. */
    touchClass: view.scale > 1 ? "touch-none" : "touch-pan-y",
    /** For the image inside each pane. */
    transform: `translate(${view.x * 100}%, ${view.y * 100}%) scale(${view.scale})`,
  };
}

/** The image may not be panned past its own edge. */
function clampOffsets(view: ZoomPan): ZoomPan {
  const limit = (view.scale - 1) / 2;
  const clamp = (value: number) => Math.min(limit, Math.max(-limit, value));
  return { scale: view.scale, x: clamp(view.x), y: clamp(view.y) };
}
