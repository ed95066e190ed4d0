import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SelectionTray } from "@/components/compare/selection-tray";
import { SiteHeader } from "@/components/layout/site-header";
import { themeInitScript } from "@/lib/browser/theme";
import { siteShell } from "@/lib/composition-root";
import { ENGINE_LABELS } from "@/lib/domain";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kontext Playground", template: "%s · Kontext Playground" },
  description:
    "Generate images with FLUX.1 Kontext [pro] and share them: a self-hosted playground for the WaveSpeed prediction API.",
};

/**
 * The same for every viewer and every request, so a page under it may be cached (share pages of
 * finished runs). No page is rendered at build time: each is rendered per request or on its first
 * view, when the environment (which engine runs) is the server's own.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  const { engine, signInRequired } = siteShell();
  return (
    // The head script sets the theme class before hydration, hence the warning suppression.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Allowed by its hash on every page (lib/access/security-headers.ts), so it needs no nonce. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant, which must run before first paint */}
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="min-h-dvh">
        <Providers signInRequired={signInRequired}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2"
          >
            Skip to content
          </a>
          <SiteHeader engineLabel={engine === "local" ? `${ENGINE_LABELS.local} engine` : ENGINE_LABELS.wavespeed} />
          {children}
          <SelectionTray />
        </Providers>
      </body>
    </html>
  );
}
