"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { LightboxProvider } from "@/components/gallery/lightbox-context";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, refetchOnWindowFocus: false },
    },
  });
}

let browserClient: QueryClient | undefined;

/** One client per request on the server, one for the life of the tab in the browser (shared by every page). */
function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

/**
 * The query cache (the browser's one store of runs) and the page's lightbox, for the pages that show
 * runs and follow them live. Pages that do not (sign-in, a 404) never load TanStack Query.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={getQueryClient()}>
      <LightboxProvider>{children}</LightboxProvider>
    </QueryClientProvider>
  );
}
