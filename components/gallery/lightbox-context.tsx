"use client";

import { createContext, type ReactNode, useCallback, useContext, useState } from "react";
import { LazyQueryProvider } from "@/components/layout/lazy-query-provider";
import { type RunHandlers, useRunHandlers } from "@/components/prediction/run-handlers";
import { lazyPart } from "@/components/ui/lazy-part";

/**
 * What the lightbox shows: one image of one run, the runs ←/→ move through, and the playground's
 * handlers where it was opened from one (the lightbox itself lives outside any page).
 */
export type LightboxTarget = { id: string; index: number; sequence: readonly string[]; handlers: RunHandlers | null };

// Not needed for the first paint: fetched when the pointer or focus nears an image.
export const loadLightbox = () => import("./lightbox");
const Lightbox = lazyPart(() => loadLightbox().then((module) => module.Lightbox));

const OpenContext = createContext<((target: LightboxTarget) => void) | null>(null);
const SequenceContext = createContext<readonly string[] | null>(null);

/** The runs on screen, in order: a lightbox opened from any of them moves on into the next and previous ones. */
export function RunSequence({ ids, children }: { ids: readonly string[]; children: ReactNode }) {
  return <SequenceContext value={ids}>{children}</SequenceContext>;
}

/** Opens the page's lightbox on image `index` of run `id`. */
export function useOpenLightbox() {
  const open = useContext(OpenContext);
  const sequence = useContext(SequenceContext);
  const handlers = useRunHandlers();
  return useCallback(
    (id: string, index: number) => open?.({ id, index, sequence: sequence?.includes(id) ? sequence : [id], handlers }),
    [open, sequence, handlers],
  );
}

/** One lightbox for the whole page, in the root layout, so it outlives the card it was opened from. */
export function LightboxProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<LightboxTarget | null>(null);
  // Stays mounted once opened, so the native <dialog> hands focus back on close.
  const [used, setUsed] = useState(false);
  const open = useCallback((next: LightboxTarget) => {
    setUsed(true);
    setTarget(next);
  }, []);
  return (
    <OpenContext value={open}>
      {children}
      {used && (
        // It reads runs through the query cache, which a share page loads only with it.
        <LazyQueryProvider>
          <Lightbox target={target} onMove={setTarget} onClose={() => setTarget(null)} />
        </LazyQueryProvider>
      )}
    </OpenContext>
  );
}
