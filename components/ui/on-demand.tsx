"use client";

import { type ComponentType, lazy, type ReactNode, Suspense } from "react";

/**
 * A component fetched the first time it renders, in a Suspense boundary of its own (`fallback`
 * while it loads), so nothing around it waits. React's own lazy: next/dynamic does the same with
 * chunk-preloading and bail-out code every page would carry (~2 KB gzip), for server rendering that
 * these parts do not need: most render only after something happens in the browser, and the few a
 * server renders are shown from its HTML until their code arrives.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null) {
  const Lazy = lazy(() => load().then((Component) => ({ default: Component })));
  return function OnDemand(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
