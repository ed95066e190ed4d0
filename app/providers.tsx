"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { LightboxProvider } from "@/components/gallery/lightbox-context";
import { ConfirmProvider } from "@/components/ui/confirm-dialog";
import { ShortcutSheet } from "@/components/ui/shortcut-sheet";
import { ToastProvider } from "@/components/ui/toaster";
import { SignInRequiredContext } from "@/hooks/use-session";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, refetchOnWindowFocus: false },
    },
  });
}

let browserClient: QueryClient | undefined;

/** One client per request on the server, one for the life of the tab in the browser. */
function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

export function Providers({ children, signInRequired }: { children: ReactNode; signInRequired: boolean }) {
  return (
    <QueryClientProvider client={getQueryClient()}>
      <SignInRequiredContext value={signInRequired}>
        <ConfirmProvider>
          <ToastProvider>
            <LightboxProvider>
              {children}
              <ShortcutSheet />
            </LightboxProvider>
          </ToastProvider>
        </ConfirmProvider>
      </SignInRequiredContext>
    </QueryClientProvider>
  );
}
