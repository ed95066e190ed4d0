"use client";

import { createContext, type ReactNode, useCallback, useContext, useState } from "react";
import { lazyPart } from "@/components/ui/lazy-part";
import type { Toast, ToastRequest } from "./toast-item";

export type { ToastRequest };

// A page needs the toast itself only once something is said: it loads then.
const ToastItem = lazyPart(() => import("./toast-item").then((module) => module.ToastItem));

const ToastContext = createContext<(toast: ToastRequest) => void>(() => {});
const ShownContext = createContext(false);

/** Shows a short message in the header's place, announced politely to screen readers. */
export const useToast = () => useContext(ToastContext);

/** Whether a toast has the header's place: the header's own controls step aside meanwhile. */
export const useToastShown = () => useContext(ShownContext);

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((toast: ToastRequest) => setToasts((current) => [...current, { ...toast, id: nextId++ }]), []);
  const remove = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);

  return (
    <ToastContext value={show}>
      <ShownContext value={toasts.length > 0}>
        {children}
        {/*
         * In the sticky header's own place, for the few seconds a toast lasts: it covers none of the page
         * (a control under it could not be pressed) and moves nothing. The header's controls step aside.
         */}
        <section
          aria-label="Notifications"
          className={`fixed inset-x-0 top-0 z-40 flex h-14 items-center gap-2 overflow-x-auto px-3 sm:justify-center ${
            toasts.length > 0 ? "" : "pointer-events-none"
          }`}
        >
          {toasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onGone={() => remove(toast.id)} />
          ))}
        </section>
      </ShownContext>
    </ToastContext>
  );
}
