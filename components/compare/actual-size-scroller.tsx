import type { ReactNode } from "react";

/**
 * At 100% an image is usually larger than its column: it scrolls inside this box, which takes
 * focus so the keyboard can scroll it too. In fit mode the children are drawn as they are.
 */
export function ActualSizeScroller({ on, label, children }: { on: boolean; label: string; children: ReactNode }) {
  if (!on) return children;
  return (
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be reachable by keyboard to be scrolled
      tabIndex={0}
      aria-label={label}
      className="max-h-(--compare-fit-h) overflow-auto rounded-lg"
      data-testid="actual-size"
    >
      {children}
    </section>
  );
}
