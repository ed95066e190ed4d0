"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { Button } from "./button";

export type ConfirmRequest = {
  title: string;
  body?: ReactNode;
  /** The button that goes ahead, named for what it does ("Delete", "Run sweep"). */
  confirmLabel: string;
  danger?: boolean;
};

type Props = { request: ConfirmRequest; onSettle: (confirmed: boolean) => void };

/**
 * The question as a modal <dialog>: focus is trapped and Esc cancels without extra code, and focus
 * goes back to what opened it. The safe choice (Cancel) has the focus first.
 */
export function ConfirmDialogView({ request, onSettle }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const settle = (confirmed: boolean) => {
    if (dialog.current?.open) dialog.current.close();
    onSettle(confirmed);
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={request.body ? bodyId : undefined}
      onClose={() => onSettle(false)}
      data-testid="confirm-dialog"
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-2xl border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-scrim"
    >
      <form
        method="dialog"
        className="flex flex-col gap-4 p-5"
        onSubmit={(event) => {
          event.preventDefault();
          settle(true);
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {request.title}
        </h2>
        {request.body && (
          <div id={bodyId} className="text-sm text-fg-muted">
            {request.body}
          </div>
        )}
        <div className="flex justify-end gap-2">
          {/* The dialog pattern puts focus inside it, on the safe choice. */}
          <Button autoFocus onClick={() => settle(false)}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant={request.danger ? "danger" : "primary"}
            className={request.danger ? "border border-danger/40" : ""}
          >
            {request.confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
