import type { CompareRef } from "../view/compare";
import { compareQuery } from "../view/compare";

/**
 * Where each kind of card is served. `v` is the card's key: a changed card is a new URL, so
 * every URL may be cached for good.
 */
export const cardPaths = {
  prediction: (id: string, key: string) => `/api/cards/p/${encodeURIComponent(id)}.png?v=${key}`,
  sweep: (id: string, key: string) => `/api/cards/s/${encodeURIComponent(id)}.png?v=${key}`,
  compare: (refs: CompareRef[], key: string) => `/api/cards/compare.png?${compareQuery(refs)}&v=${key}`,
  /** The settings themselves are the query, as in the playground's own URL. */
  settings: (query: string, key: string) => `/api/cards/settings.png?${query ? `${query}&` : ""}v=${key}`,
};
