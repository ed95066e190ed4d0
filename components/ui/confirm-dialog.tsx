"use client";

import { createContext, type ReactNode, useCallback, useContext, useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";

export type ConfirmRequest = {
  title: string;
  body?: ReactNode;
  /** The button that goes ahead, named for what it does ("Delete", "Run sweep"). */
  confirmLabel: string;
  danger?: boolean;
};

type Pending = ConfirmRequest & { resolve: (confirmed: boolean) => void };

const ConfirmContext = createContext<(request: ConfirmRequest) => Promise<boolean>>(() => Promise.resolve(false));

/** Asks a yes-or-no question in the page's own dialog, never the browser's `confirm()`: resolves true to go ahead. */
export const useConfirm = () => useContext(ConfirmContext);

/**
 * One modal <dialog> for every confirmation: focus is trapped and Esc cancels without extra code,
 * and focus goes back to what opened it. The safe choice (Cancel) has the focus first.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        setPending((current) => {
          current?.resolve(false);
          return { ...request, resolve };
        });
      }),
    [],
  );

  useEffect(() => {
    const element = dialog.current;
    if (pending && element && !element.open) element.showModal();
  }, [pending]);

  const settle = (confirmed: boolean) => {
    pending?.resolve(confirmed);
    setPending(null);
    if (dialog.current?.open) dialog.current.close();
  };

  return (
    <ConfirmContext value={confirm}>
      {children}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={pending?.body ? bodyId : undefined}
        onClose={() => pending && settle(false)}
        data-testid="confirm-dialog"
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-2xl border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-scrim"
      >
        {pending && (
          <form
            method="dialog"
            className="flex flex-col gap-4 p-5"
            onSubmit={(event) => {
              event.preventDefault();
              settle(true);
            }}
          >
            <h2 id={titleId} className="text-lg font-semibold">
              {pending.title}
            </h2>
            {pending.body && (
              <div id={bodyId} className="text-sm text-fg-muted">
                {pending.body}
              </div>
            )}
            <div className="flex justify-end gap-2">
              {/* The dialog pattern puts focus inside it, on the safe choice. */}
              <Button autoFocus onClick={() => settle(false)}>
                Cancel
              </Button>
              <Button
                type="submit"
                variant={pending.danger ? "danger" : "primary"}
                className={pending.danger ? "border border-danger/40" : ""}
              >
                {pending.confirmLabel}
              </Button>
            </div>
          </form>
        )}
      </dialog>
    </ConfirmContext>
  );
}
