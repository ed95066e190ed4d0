"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { z } from "zod/mini";
import { eventsStatus } from "@/lib/browser/events-status";
import { DELETED_EVENT, PREDICTION_EVENT, type PredictionView, predictionViewSchema, RESYNC_EVENT } from "@/lib/playground-api";
import { newerView } from "@/lib/view/prediction-order";
import { queryKeys } from "./query-keys";
import { forgetPrediction } from "./use-delete-prediction";

const deletedSchema = z.object({ id: z.string() });

function parse<T>(schema: z.core.$ZodType<T>, raw: string): T | undefined {
  try {
    const result = z.safeParse(schema, JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function storeView(client: QueryClient, view: PredictionView) {
  client.setQueryData<PredictionView>(queryKeys.prediction(view.id), (current) => newerView(current, view));
}

/**
 * Subscribes to `/api/events` and writes each pushed prediction into the
 * cache at once. The browser's EventSource reconnects by itself; while it is
 * down, usePrediction polls faster.
 */
export function usePredictionEvents() {
  const client = useQueryClient();

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events");
    const onPrediction = (event: MessageEvent<string>) => {
      const view = parse(predictionViewSchema, event.data);
      if (view) storeView(client, view);
    };
    const onDeleted = (event: MessageEvent<string>) => {
      const deleted = parse(deletedSchema, event.data);
      if (deleted) forgetPrediction(client, deleted.id);
    };
    source.addEventListener("open", () => eventsStatus.set(true));
    source.addEventListener("error", () => eventsStatus.set(false));
    source.addEventListener(PREDICTION_EVENT, onPrediction);
    source.addEventListener(DELETED_EVENT, onDeleted);
    source.addEventListener(RESYNC_EVENT, () => void client.invalidateQueries());
    return () => {
      source.close();
      eventsStatus.set(false);
    };
  }, [client]);
}
