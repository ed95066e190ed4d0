/** Formatting shared by the playground and the share page (server and browser). */

export const formatSeconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

export const formatUsd = (amount: number) => `$${amount.toFixed(2)}`;

/** A fixed zone, so the server-rendered share page and the browser agree. */
export function formatCreatedAt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}

export const aspectLabel = (width: number, height: number) => `${width} × ${height}`;
