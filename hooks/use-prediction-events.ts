"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { z } from "zod/mini";
import { eventsStatus } from "@/lib/browser/events-status";
import { DELETED_EVENT, PREDICTION_EVENT, type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { newerView } from "@/lib/view/prediction-order";
import { queryKeys } from "./query-keys";
import { forgetPrediction } from "./use-delete-prediction";
import { useSession } from "./use-session";

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
 * down, usePrediction polls faster. The stream of every prediction is the owner's: a guest's
 * page (a share, compare or sweep page) follows its own runs by polling.
 */
export function usePredictionEvents() {
  const client = useQueryClient();
  const { owner } = useSession();

  useEffect(() => {
    if (typeof EventSource === "undefined" || !owner) return;
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
    return () => {
      source.close();
      eventsStatus.set(false);
    };
  }, [client, owner]);
}
