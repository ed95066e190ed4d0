"use client";

import { createContext, type ReactNode, useCallback, useContext, useState } from "react";
import { lazyPart } from "@/components/ui/lazy-part";
import type { ConfirmRequest } from "./confirm-dialog-view";

export type { ConfirmRequest };

type Pending = ConfirmRequest & { resolve: (confirmed: boolean) => void };

const ConfirmContext = createContext<(request: ConfirmRequest) => Promise<boolean>>(() => Promise.resolve(false));

// The dialog itself loads with the first question.
const ConfirmDialog = lazyPart(() => import("./confirm-dialog-view").then((module) => module.ConfirmDialogView));

/** Asks a yes-or-no question in the page's own dialog, never the browser's `confirm()`: resolves true to go ahead. */
export const useConfirm = () => useContext(ConfirmContext);

/** One question at a time for the whole page: a new one answers the one before with "no". */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);

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

  const settle = useCallback((confirmed: boolean) => {
    setPending((current) => {
      current?.resolve(confirmed);
      return null;
    });
  }, []);

  return (
    <ConfirmContext value={confirm}>
      {children}
      {pending && <ConfirmDialog request={pending} onSettle={settle} />}
    </ConfirmContext>
  );
}
