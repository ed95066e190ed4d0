"use client";

import { usePrediction } from "@/hooks/use-prediction";
import type { PredictionView } from "@/lib/playground-api";
import { Gallery } from "./gallery";

/** A server-rendered page's gallery that follows the run's cache entry, so stars set here show at once. */
export function LiveGallery({ view, ...props }: Omit<Parameters<typeof Gallery>[0], "view"> & { view: PredictionView }) {
  const { data } = usePrediction(view.id, view);
  return <Gallery view={data ?? view} {...props} />;
}
