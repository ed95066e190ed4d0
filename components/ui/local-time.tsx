"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime, formatWhen } from "@/lib/view/format";

// Re-read each minute, so "2 min ago" stays true while the page is open.
const subscribe = (onChange: () => void) => {
  const timer = setInterval(onChange, 60_000);
  return () => clearInterval(timer);
};
const minute = () => Math.floor(Date.now() / 60_000);

/**
 * A time in the viewer's own time zone, relative when recent ("5 min ago"); `absolute` always
 * gives the date and time. The server (and a cached page) renders it in UTC, saying so; the
 * browser rewrites it after hydration. Every page shows times through this.
 */
export function LocalTime({ iso, className, absolute = false }: { iso: string; className?: string; absolute?: boolean }) {
  const now = useSyncExternalStore(subscribe, minute, () => null);
  const text = now === null ? formatDateTime(iso, "UTC") : absolute ? formatDateTime(iso) : formatWhen(iso, now * 60_000);
  return (
    <time
      dateTime={iso}
      title={now === null ? undefined : formatDateTime(iso)}
      className={className}
      suppressHydrationWarning
      data-testid="local-time"
    >
      {text}
    </time>
  );
}
