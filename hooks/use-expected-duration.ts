"use client";

import { type InfiniteData, useQueryClient } from "@tanstack/react-query";
import type { HistoryPage, PredictionView } from "@/lib/playground-api";
import { expectedDurationMs } from "@/lib/view/expected-duration";
import { queryKeys } from "./query-keys";

/** How long a run like this usually takes, from the finished runs this page already holds. */
export function useExpectedDuration(view: Pick<PredictionView, "engine" | "input">): number | undefined {
  const client = useQueryClient();
  const history = client.getQueryData<InfiniteData<HistoryPage>>(queryKeys.history);
  const singles = client.getQueriesData<PredictionView>({ queryKey: ["prediction"] }).flatMap(([, data]) => (data ? [data] : []));
  const runs = [...(history?.pages.flatMap((page) => page.items) ?? []), ...singles];
  return expectedDurationMs(runs, view.engine, view.input.num_images);
}
