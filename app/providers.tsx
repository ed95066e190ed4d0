"use client";

import type { ReactNode } from "react";
import { ConfirmProvider } from "@/components/ui/confirm-dialog";
import { ShortcutKey } from "@/components/ui/shortcut-key";
import { ToastProvider } from "@/components/ui/toaster";
import { SignInRequiredContext } from "@/hooks/use-session";

/**
 * What every page has: the question dialog, toasts, the shortcut list, and whether sign-in is
 * required. The query cache is the pages' own (components/layout/query-provider.tsx), so a page
 * without runs stays light.
 */
export function Providers({ children, signInRequired }: { children: ReactNode; signInRequired: boolean }) {
  return (
    <SignInRequiredContext value={signInRequired}>
      <ConfirmProvider>
        <ToastProvider>
          {children}
          <ShortcutKey />
        </ToastProvider>
      </ConfirmProvider>
    </SignInRequiredContext>
  );
}
