"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PredictionStatus } from "@/lib/domain";
import { filtersFromQuery, filtersToQuery, type HistoryFilters, NO_FILTERS } from "@/lib/view/history-filters";

/** Long enough to let a word be typed, short enough to feel live. */
const SEARCH_DELAY_MS = 300;

/**
 * The history view's filters, mirrored into its URL (`/history?q=&status=`).
 * `searchText` is what the box shows; `filters` what the list is narrowed to,
 * following the text after a pause. The URL is written with replaceState,
 * which Next keeps in sync with useSearchParams without fetching the server
 * page again on every keystroke.
 */
export function useHistoryFilters() {
  const searchParams = useSearchParams();
  const [filters, setFilters] = useState<HistoryFilters>(() => filtersFromQuery(searchParams));
  const [searchText, setSearchText] = useState(filters.q);
  const written = useRef(filtersToQuery(filters).toString());

  const apply = useCallback((next: HistoryFilters) => {
    setFilters(next);
    const query = filtersToQuery(next).toString();
    if (query === written.current) return;
    written.current = query;
    window.history.replaceState(window.history.state, "", query ? `?${query}` : window.location.pathname);
  }, []);

  // A navigation to another `/history?...` (the header link, back and forward) sets the filters anew.
  useEffect(() => {
    const next = filtersFromQuery(searchParams);
    const query = filtersToQuery(next).toString();
    if (query === written.current) return;
    written.current = query;
    setFilters(next);
    setSearchText(next.q);
  }, [searchParams]);

  useEffect(() => {
    const q = searchText.trim();
    if (q === filters.q) return;
    const timer = setTimeout(() => apply({ ...filters, q }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, filters, apply]);

  return {
    filters,
    searchText,
    setSearchText,
    setStatus: (status: PredictionStatus | undefined) => apply({ ...filters, status }),
    /** Starred only, has a note, one thread, grouped by thread: anything but the search text. */
    narrow: (patch: Omit<Partial<HistoryFilters>, "q">) => apply({ ...filters, ...patch }),
    /** Enter in the search box: no need to wait for the pause. */
    searchNow: () => apply({ ...filters, q: searchText.trim() }),
    clear: () => {
      setSearchText("");
      apply(NO_FILTERS);
    },
  };
}
