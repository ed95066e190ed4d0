"use client";

import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";

type Props = { loading: boolean; onLoad: () => void; onClick: () => void };

/** How far ahead of the bottom the next page is asked for, so scrolling rarely waits. */
const AHEAD = "800px";

/**
 * Infinite scroll with a real button under it: the observer loads the next
 * page as the button nears the viewport; the button itself serves keyboards
 * and browsers without IntersectionObserver.
 */
export function LoadMore({ loading, onLoad, onClick }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const load = useRef(onLoad);
  useEffect(() => {
    load.current = onLoad;
  });

  // Re-observed after every load: a fresh observer reports at once if the button is still in view.
  useEffect(() => {
    const element = button.current;
    if (!element || loading || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && load.current(), {
      rootMargin: `0px 0px ${AHEAD} 0px`,
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [loading]);

  return (
    <div className="flex justify-center">
      {/* Not disabled while loading: a disabled button would drop the keyboard focus. */}
      <button ref={button} type="button" aria-busy={loading} onClick={() => !loading && onClick()} className={buttonClass()}>
        {loading ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}
