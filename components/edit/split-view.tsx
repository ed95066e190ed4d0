"use client";

import { type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode, useRef, useState } from "react";
import { useHydrated } from "@/hooks/use-hydrated";

const KEY_STEP = 5;
const clamp = (value: number) => Math.min(100, Math.max(0, value));

type Props = {
  /** Shown left of the divider. */
  left: ReactNode;
  /** Underneath, seen right of the divider. */
  right: ReactNode;
  /** The accessible name of the divider, e.g. "Before and after". */
  label: string;
  /** CSS aspect-ratio of the frame. */
  aspectRatio: string;
  /** Controlled position (0–100); without it the view keeps its own. */
  position?: number;
  onPosition?: (position: number) => void;
  /**
   * Whether a press anywhere on the picture moves the divider (true), or only on the handle: a
   * compare zoomed in pans with a drag instead.
   */
  pressAnywhere?: boolean;
  className?: string;
  style?: CSSProperties;
  /** Over the picture, outside the clipped layer: labels, actions. */
  children?: ReactNode;
  testId?: string;
};

/**
 * Two pictures on top of each other with a divider between, the way people know it: press or drag
 * anywhere on the picture (a finger too: a sideways drag moves it, an up-and-down one scrolls the
 * page), drag the handle, or focus the handle and use ←/→ (Home/End for the ends). One component for
 * an edit's before/after and a compare's slider.
 */
export function SplitView({
  left,
  right,
  label,
  aspectRatio,
  position: controlled,
  onPosition,
  pressAnywhere = true,
  className = "",
  style,
  children,
  testId,
}: Props) {
  const [own, setOwn] = useState(50);
  const position = controlled ?? own;
  const frame = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const ready = useHydrated();

  const move = (next: number) => {
    const value = clamp(Math.round(next * 10) / 10);
    setOwn(value);
    onPosition?.(value);
  };
  const moveTo = (clientX: number) => {
    const box = frame.current?.getBoundingClientRect();
    if (box && box.width > 0) move(((clientX - box.left) / box.width) * 100);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const onHandle = (event.target as HTMLElement).closest("[data-split-handle]") !== null;
    if (!pressAnywhere && !onHandle) return;
    // Taken here: a compare's pan (a parent's handler) does not also move the pictures.
    event.stopPropagation();
    dragging.current = true;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    moveTo(event.clientX);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    event.stopPropagation();
    moveTo(event.clientX);
  };
  const stop = () => {
    dragging.current = false;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? KEY_STEP * 2 : KEY_STEP;
    const next =
      event.key === "ArrowLeft" || event.key === "ArrowDown"
        ? position - step
        : event.key === "ArrowRight" || event.key === "ArrowUp"
          ? position + step
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? 100
              : null;
    if (next === null) return;
    // The page's own keys (a compare's ←/→) would move it a second time.
    event.preventDefault();
    event.stopPropagation();
    move(next);
  };

  return (
    <div
      ref={frame}
      className={`relative touch-pan-y overflow-hidden select-none ${pressAnywhere ? "cursor-ew-resize" : ""} ${className}`}
      style={{ aspectRatio, ...style }}
      data-testid={testId}
      data-position={position}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={stop}
      onPointerCancel={stop}
      onLostPointerCapture={stop}
    >
      <div className="absolute inset-0">{right}</div>
      <div className="absolute inset-0" style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }} data-testid="split-clip">
        {left}
      </div>
      {children}
      <div
        role="slider"
        tabIndex={0}
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(position)}
        aria-orientation="horizontal"
        data-split-handle
        data-testid="split-handle"
        data-ready={ready}
        onKeyDown={onKeyDown}
        className="group absolute inset-y-0 z-10 flex w-10 -translate-x-1/2 cursor-ew-resize touch-none justify-center outline-none"
        style={{ left: `${position}%` }}
      >
        <span aria-hidden="true" className="h-full w-0.5 bg-white shadow-[0_0_0_1px_rgb(0_0_0/0.35)]" />
        <span
          aria-hidden="true"
          className="absolute top-1/2 grid size-9 -translate-y-1/2 place-items-center rounded-full border-2 border-white bg-black/55 text-white shadow-lg backdrop-blur group-focus-visible:outline-3 group-focus-visible:outline-offset-2 group-focus-visible:outline-accent"
        >
          <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2.5" aria-hidden="true">
            <path d="M9 6l-6 6 6 6M15 6l6 6-6 6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </span>
      </div>
    </div>
  );
}
