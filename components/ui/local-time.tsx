"use client";

import { useSyncExternalStore } from "react";
import { formatCreatedAt } from "@/lib/view/format";
import { formatLocalTime } from "@/lib/view/relative-time";

// Re-read each minute, so "2 min ago" stays true while the page is open.
const subscribe = (onChange: () => void) => {
  const timer = setInterval(onChange, 60_000);
  return () => clearInterval(timer);
};
const minute = () => Math.floor(Date.now() / 60_000);

/**
 * A time in the viewer's own time zone, relative when recent ("5 min ago"). The server (and a
 * cached page) renders it in UTC; the browser rewrites it after hydration.
 */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const now = useSyncExternalStore(subscribe, minute, () => null);
  const text = now === null ? formatCreatedAt(iso) : formatLocalTime(iso, now * 60_000);
  return (
    <time dateTime={iso} title={formatCreatedAt(iso)} className={className} suppressHydrationWarning>
      {text}
    </time>
  );
}
