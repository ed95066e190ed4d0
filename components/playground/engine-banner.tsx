"use client";

import { useSyncExternalStore } from "react";
import { CloseIcon } from "@/components/ui/icons";
import type { EngineName } from "@/lib/domain";

const DISMISSED_KEY = "kontext.engine-banner-dismissed";
const listeners = new Set<() => void>();
const dismissedStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => window.localStorage.getItem(DISMISSED_KEY) === "1",
  getServer: () => false,
  dismiss() {
    window.localStorage.setItem(DISMISSED_KEY, "1");
    for (const listener of listeners) listener();
  },
};

/**
 * Says plainly where images come from; on the local engine, how to get the real model. Dismissed
 * once, it stays away in this browser (the header still names the engine); on a phone it keeps to
 * a few lines.
 */
export function EngineBanner({ engine, model }: { engine: EngineName; model: string }) {
  const dismissed = useSyncExternalStore(dismissedStore.subscribe, dismissedStore.get, dismissedStore.getServer);
  if (engine === "wavespeed") {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-fg-muted">
        <span className="size-2 rounded-full bg-success" aria-hidden="true" />
        Connected to WaveSpeed AI · <code className="font-mono text-xs">{model}</code>
      </p>
    );
  }
  if (dismissed) return null;
  return (
    <section
      aria-labelledby="engine-banner-title"
      data-testid="engine-banner"
      className="flex items-start gap-3 rounded-xl border border-warning/40 bg-warning/10 px-4 py-3 text-sm"
    >
      <div className="min-w-0 flex-1">
        <h2 id="engine-banner-title" className="font-semibold">
          Local preview engine: these images are not made by FLUX
        </h2>
        <p className="mt-1 text-fg-muted">
          <span className="hidden sm:inline">
            No WaveSpeed API key is set, so a built-in preview engine draws placeholder images offline, at the sizes and with the
            seeds the real model would use.{" "}
          </span>
          To generate with FLUX.1 Kontext [pro], set{" "}
          <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-fg">WAVESPEED_API_KEY</code> and restart.
        </p>
      </div>
      <button
        type="button"
        onClick={dismissedStore.dismiss}
        aria-label="Dismiss the engine notice"
        title="Dismiss"
        className="-mt-1 -mr-2 shrink-0 rounded-md p-1.5 text-fg-muted hover:bg-muted hover:text-fg"
      >
        <CloseIcon />
      </button>
    </section>
  );
}
