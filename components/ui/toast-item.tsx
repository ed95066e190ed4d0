"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { CloseIcon } from "./icons";

export type ToastRequest = {
  message: string;
  /** One button, such as Undo; pressing it closes the toast. */
  action?: { label: string; onAction: () => void };
  /** How long it stays; it also stays while the pointer or focus is on it. */
  durationMs?: number;
  /** Runs when the toast goes away without its action pressed (timed out or closed). */
  onExpire?: () => void;
};

export type Toast = ToastRequest & { id: number };

const DEFAULT_MS = 5_000;

/** One toast: its message, its one action, and its time, held while the pointer or focus is on it. */
export function ToastItem({ toast, onGone }: { toast: Toast; onGone: () => void }) {
  const [held, setHeld] = useState(false);
  const settled = useRef(false);
  const latest = useRef(toast);
  latest.current = toast;

  const finish = useCallback(
    (acted: boolean) => {
      if (settled.current) return;
      settled.current = true;
      if (acted) latest.current.action?.onAction();
      else latest.current.onExpire?.();
      onGone();
    },
    [onGone],
  );

  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => finish(false), toast.durationMs ?? DEFAULT_MS);
    return () => clearTimeout(timer);
  }, [held, finish, toast.durationMs]);

  return (
    <div
      role="status"
      data-testid="toast"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className="flex max-w-md shrink-0 items-center gap-3 rounded-xl border border-border bg-fg py-1.5 pr-1.5 pl-4 text-sm text-bg shadow-lg"
    >
      <span>{toast.message}</span>
      {toast.action && (
        // The page's own colours on the toast's inverted ones: a filled button, its text at full contrast.
        <button
          type="button"
          onClick={() => finish(true)}
          data-testid="toast-action"
          className="h-8 shrink-0 rounded-lg bg-bg px-3 text-sm font-semibold text-fg shadow-sm transition-colors hover:bg-muted focus-visible:outline-bg"
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => finish(false)}
        className="grid size-7 place-items-center rounded-md text-bg/70 hover:bg-bg/15 hover:text-bg"
      >
        <CloseIcon />
      </button>
    </div>
  );
}
