"use client";

import { useEffect, useRef, useState } from "react";
import type { PredictionView } from "@/lib/playground-api";

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

/**
 * A run's clock, which counts its work, not its wait: none while it is queued (its place in line says
 * more), from the moment it left the queue while it runs, and its inference time once done. The
 * moment it left is this browser's when it saw the move (immune to clock skew), else the server's.
 */
export function useRunClock(view: Pick<PredictionView, "status" | "updatedAt" | "inferenceMs" | "createdAt" | "completedAt">) {
  const sawQueued = useRef(view.status === "created");
  const [leftQueueAt, setLeftQueueAt] = useState<number | null>(null);
  useEffect(() => {
    if (view.status === "created") sawQueued.current = true;
    else if (view.status === "processing" && sawQueued.current) setLeftQueueAt((at) => at ?? Date.now());
  }, [view.status]);

  const running = view.status === "processing";
  const done = view.status === "completed" || view.status === "failed";
  const start = leftQueueAt ?? Date.parse(view.updatedAt);
  const total = view.completedAt ? Date.parse(view.completedAt) - Date.parse(view.createdAt) : 0;
  const elapsed = useElapsed(start, running);
  if (done) return view.inferenceMs > 0 ? view.inferenceMs : total > 0 ? total : null;
  return running ? elapsed : null;
}
