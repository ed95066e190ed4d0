"use client";

import { lazyPart } from "@/components/ui/lazy-part";

/**
 * The query cache for an island that needs it on a page that does not carry it at first load (a
 * share page: a guest never uses it): TanStack Query comes with the island. Where the page has the
 * cache already, this provides the same client again.
 */
export const LazyQueryProvider = lazyPart(() => import("./query-provider").then((module) => module.QueryProvider));
