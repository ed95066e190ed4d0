"use client";

import { useEffect, useState } from "react";

/**
 * Milliseconds since `start`, ticking while `running`; frozen at `end` once known.
 * Null until mounted while running, so a server render never prints a clock the browser disagrees with.
 */
export function useElapsed(start: number, running: boolean, end?: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  const until = end ?? now;
  return until === null ? null : Math.max(0, until - start);
}
