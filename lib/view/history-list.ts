import type { HistoryPage } from "@/lib/playground-api";

/*
 * What every page with a list of runs needs (a delete anywhere drops the run from it); placing pushed
 * runs into a filtered list is the history's alone (history-pages.ts).
 */

/** The loaded pages of one history list (TanStack's infinite data, without depending on it). */
export type LoadedPages = { pages: HistoryPage[]; pageParams: unknown[] };

export const containsView = (data: LoadedPages, id: string) =>
  data.pages.some((page) => page.items.some((item) => item.id === id));

/** Drops a deleted prediction; `data` itself when it was not listed. */
export function dropView<D extends LoadedPages>(data: D, id: string): D {
  if (!containsView(data, id)) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== id) })) };
}
