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
 * Says plainly where images come from; on the local engine, how to get the real model, in a line or
 * two above the form. Dismissed once, it stays away in this browser (the header still names the engine).
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
      className="flex items-center gap-2 rounded-lg border border-warning/40 bg-warning/10 py-1 pr-1 pl-3 text-sm"
    >
      <p className="min-w-0 flex-1">
        <strong id="engine-banner-title" className="font-semibold">
          Local preview engine: these images are not made by FLUX.
        </strong>{" "}
        <span className="text-fg-muted">
          Set <code className="rounded bg-muted px-1 font-mono text-xs text-fg">WAVESPEED_API_KEY</code> and restart for the real
          model.
        </span>
      </p>
      <button
        type="button"
        onClick={dismissedStore.dismiss}
        aria-label="Dismiss the engine notice"
        title="Dismiss"
        className="shrink-0 rounded-md p-1.5 text-fg-muted hover:bg-muted hover:text-fg"
      >
        <CloseIcon />
      </button>
    </section>
  );
}
