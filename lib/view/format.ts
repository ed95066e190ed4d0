/** Formatting shared by every page (server and browser): one way to write a duration, a price, a size and a time. */

export const formatSeconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** Dollars to the cent, or to the tenth of a cent where a price needs it ([dev]'s $0.025). */
export const formatUsd = (amount: number) => `$${amount.toFixed(Math.round(amount * 1000) % 10 === 0 ? 2 : 3)}`;

/** A model's price per image: "$0.04", or "$0.02–$0.025" where its variants differ (`joiner` " to " for a spoken name). */
export const formatPriceRange = ({ from, to }: { from: number; to: number }, joiner = "–") =>
  to === from ? formatUsd(from) : `${formatUsd(from)}${joiner}${formatUsd(to)}`;

export const aspectLabel = (width: number, height: number) => `${width} × ${height}`;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A date and time as the viewer reads it: their locale and, unless `timeZone` says otherwise, their
 * zone. A page rendered on the server (which knows neither) passes "UTC" and says so; the browser
 * writes it again in the viewer's own (components/ui/local-time.tsx).
 */
export function formatDateTime(iso: string, timeZone?: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const text = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone }).format(time);
  return timeZone === "UTC" ? `${text} UTC` : text;
}

/** A time as a person reads it where they are: relative within the last day ("just now", "5 min ago", "3 h ago"), then the date. */
export function formatWhen(iso: string, now: number, timeZone?: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const ago = now - time;
  if (ago >= 0 && ago < MINUTE) return "just now";
  if (ago >= 0 && ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago >= 0 && ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  return formatDateTime(iso, timeZone);
}

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** A size in bytes as a person reads it (decimal units, as disks are sold and MAX_STORAGE_GB counts): "1.2 GB". */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
