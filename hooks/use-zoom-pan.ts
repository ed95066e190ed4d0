"use client";

import { type PointerEvent, useCallback, useRef, useState, type WheelEvent } from "react";

export type ZoomPan = { scale: number; x: number; y: number };

const MIN_SCALE = 1;
const MAX_SCALE = 8;
const START: ZoomPan = { scale: 1, x: 0, y: 0 };

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/**
 * One zoom and pan shared by every pane of a compare, in fractions of a pane's size, so
 * panes of different sizes stay on the same spot. Wheel zooms around the pointer, a drag pans.
 */
export function useZoomPan() {
  const [view, setView] = useState<ZoomPan>(START);
  const drag = useRef<{ x: number; y: number; width: number; height: number } | null>(null);

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

  const onWheel = useCallback(
    (event: WheelEvent<HTMLElement>) => {
      const box = event.currentTarget.getBoundingClientRect();
      zoomBy(event.deltaY < 0 ? 1.2 : 1 / 1.2, {
        fx: (event.clientX - box.left) / box.width,
        fy: (event.clientY - box.top) / box.height,
      });
    },
    [zoomBy],
  );

  const onPointerDown = useCallback((event: PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    drag.current = { x: event.clientX, y: event.clientY, width: box.width, height: box.height };
    event.currentTarget.setPointerCapture(event.pointerId);
  }, []);

  const onPointerMove = useCallback((event: PointerEvent<HTMLElement>) => {
    const start = drag.current;
    if (!start) return;
    const dx = (event.clientX - start.x) / start.width;
    const dy = (event.clientY - start.y) / start.height;
    drag.current = { ...start, x: event.clientX, y: event.clientY };
    setView((current) => (current.scale === 1 ? current : clampOffsets({ ...current, x: current.x + dx, y: current.y + dy })));
  }, []);

  const onPointerUp = useCallback(() => {
    drag.current = null;
  }, []);

  return {
    view,
    zoomIn: () => zoomBy(1.5),
    zoomOut: () => zoomBy(1 / 1.5),
    reset: () => setView(START),
    handlers: { onWheel, onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
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
