"use client";

import { type ComponentType, lazy, type ReactNode, Suspense } from "react";

/**
 * A component whose module is fetched the first time it renders, inside a Suspense boundary of its
 * own: while it loads, nothing around it is held back (during hydration, the server's HTML stays
 * until it arrives). React's own `lazy`, where `next/dynamic` would add its loader (1.6 KB gzip) to
 * every page that uses one. What should never render on the server is kept off by the state that
 * shows it (a dialog's open flag, a viewer known only in the browser).
 */
export function lazyPart<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  /** What shows while it loads; given the part's props, it can be a lighter version of the same thing. */
  fallback: ReactNode | ((props: Props) => ReactNode) = null,
): ComponentType<Props> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per part at module level, as next/dynamic is, never during a render
  return function LazyPart(props: Props) {
    return (
      <Suspense fallback={typeof fallback === "function" ? fallback(props) : fallback}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}
