const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A time as a person reads it where they are: relative within the last day ("just now", "5 min
 * ago", "3 h ago"), then the date and time in their own time zone.
 */
export function formatLocalTime(iso: string, now: number, timeZone?: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const ago = now - time;
  if (ago >= 0 && ago < MINUTE) return "just now";
  if (ago >= 0 && ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago >= 0 && ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone }).format(time);
}
