"use client";

import dynamic from "next/dynamic";

/**
 * The query cache for an island that needs it on a page that does not carry it at first load (a
 * share page: a guest never uses it): TanStack Query comes with the island. Where the page has the
 * cache already, this provides the same client again.
 */
export const LazyQueryProvider = dynamic(() => import("./query-provider").then((module) => module.QueryProvider));
