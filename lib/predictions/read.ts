import "server-only";
import { PRICE_PER_IMAGE_USD } from "../contract";
import type { HistoryPage, HistoryQueryParams, PredictionView } from "../playground-api";
import { getPredictions } from ".";
import { toView } from "./views";

/** For server components: one prediction as the pages show it. */
export function getPredictionView(id: string, baseUrl: string): PredictionView | undefined {
  const record = getPredictions().find(id);
  return record ? toView(record, baseUrl) : undefined;
}

/** One page of history as `GET /api/predictions` answers it; pages render their first page with it. */
export function readHistoryPage({ cursor, limit, q, status }: HistoryQueryParams, baseUrl: string): HistoryPage {
  const predictions = getPredictions();
  const { items, nextCursor } = predictions.list({ cursor, limit, search: q || undefined, status });
  const images = predictions.imageCounts();
  return {
    items: items.map((record) => toView(record, baseUrl)),
    nextCursor,
    totals: { images, costUsd: Number((images.wavespeed * PRICE_PER_IMAGE_USD).toFixed(2)) },
  };
}
