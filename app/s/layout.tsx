import type { ReactNode } from "react";
import { QueryProvider } from "@/components/layout/query-provider";

/** This page follows its runs live (stars, notes, progress): it has the query cache. */
export default function Layout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
