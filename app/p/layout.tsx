import type { ReactNode } from "react";
import { LightboxProvider } from "@/components/gallery/lightbox-context";

/**
 * This page's images open in the lightbox. The query cache (stars, notes, a run followed live) is
 * the owner's islands' own, fetched with them, so a guest's first load carries none of it.
 */
export default function Layout({ children }: { children: ReactNode }) {
  return <LightboxProvider>{children}</LightboxProvider>;
}
