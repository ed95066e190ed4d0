"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

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
 * The query cache (the browser's one store of runs), for the pages that show runs and follow them
 * live; pages whose images open in the lightbox add its LightboxProvider inside. Pages that do not
 * show runs (sign-in, a 404) never load TanStack Query.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
