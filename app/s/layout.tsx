import type { ReactNode } from "react";
import { LightboxProvider } from "@/components/gallery/lightbox-context";
import { QueryProvider } from "@/components/layout/query-provider";

/** This page follows its runs live (stars, notes, progress), and its images open in the lightbox. */
export default function Layout({ children }: { children: ReactNode }) {
  return (
    <QueryProvider>
      <LightboxProvider>{children}</LightboxProvider>
    </QueryProvider>
  );
}
