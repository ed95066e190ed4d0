import type { PredictionView } from "@/lib/playground-api";
import { collapsesSweeps, type HistoryFilters, matchesFilters } from "./history-filters";
import { containsView, type LoadedPages } from "./history-list";

export { containsView, dropView, type LoadedPages } from "./history-list";

/** The server's order: newest first, ties broken by id, also descending. */
const sortsBefore = (a: PredictionView, b: PredictionView) =>
  a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

/**
 * Puts a pushed prediction into a loaded list. One already listed is replaced
 * in place, even if it no longer matches the filters: entries should not vanish
 * under the reader's eyes. A new one is inserted where the server would list it,
 * unless it belongs after the last loaded item with more pages to come; then the
 * next page brings it. Returns `data` itself when nothing changes.
 */
export function placeView<D extends LoadedPages>(data: D, view: PredictionView, filters: HistoryFilters): D {
  if (view.sweep && collapsesSweeps(filters)) return placeSweepCell(data, view);
  if (containsView(data, view.id)) {
    return {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === view.id ? view : item)) })),
    };
  }
  if (!matchesFilters(view, filters)) return data;

  for (const [pageIndex, page] of data.pages.entries()) {
    const at = page.items.findIndex((item) => sortsBefore(view, item));
    if (at >= 0) return withItems(data, pageIndex, [...page.items.slice(0, at), view, ...page.items.slice(at)]);
  }
  const lastIndex = data.pages.length - 1;
  const last = data.pages[lastIndex];
  if (!last || last.nextCursor !== null) return data;
  return withItems(data, lastIndex, [...last.items, view]);
}

/** Whether a list that folds sweeps lacks the entry a pushed cell belongs to: a new sweep, which a fresh read brings. */
export const missesSweepOf = (data: LoadedPages, view: PredictionView, filters: HistoryFilters) =>
  Boolean(view.sweep) && collapsesSweeps(filters) && !data.pages.some((page) => page.sweeps[view.sweep!.id]);

/**
 * A cell of a listed sweep is not an entry of its own: the sweep's entry keeps its cells live itself
 * (hooks/use-sweep-entry.ts). Only the cell that stands for the sweep is replaced, as any listed run is.
 */
function placeSweepCell<D extends LoadedPages>(data: D, view: PredictionView): D {
  if (!containsView(data, view.id)) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === view.id ? view : item)) })),
  };
}

function withItems<D extends LoadedPages>(data: D, pageIndex: number, items: PredictionView[]): D {
  return { ...data, pages: data.pages.map((page, index) => (index === pageIndex ? { ...page, items } : page)) };
}
