"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { z } from "zod/mini";
import { eventsStatus } from "@/lib/browser/events-status";
import { DELETED_EVENT, PREDICTION_EVENT, type PredictionView, predictionViewSchema, RESYNC_EVENT } from "@/lib/playground-api";
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

/** How long to wait before opening the stream again after the server refused it (503 past SSE_MAX_CLIENTS). */
const REOPEN_AFTER_REFUSAL_MS = 10_000;

/**
 * Subscribes to `/api/events` and writes each pushed prediction into the
 * cache at once. The browser's EventSource reconnects by itself after a broken
 * connection (the server drops a client that falls too far behind); events sent
 * meanwhile are lost, so every prediction and history list is refetched on
 * reconnect. A refused stream is opened again later. While it is down,
 * usePrediction polls faster. The stream of every prediction is the owner's: a guest's
 * page (a share, compare or sweep page) follows its own runs by polling.
 */
export function usePredictionEvents() {
  const client = useQueryClient();
  const { owner } = useSession();

  useEffect(() => {
    if (typeof EventSource === "undefined" || !owner) return;
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let missedEvents = false;

    const onPrediction = (event: MessageEvent<string>) => {
      const view = parse(predictionViewSchema, event.data);
      if (view) storeView(client, view);
    };
    const onDeleted = (event: MessageEvent<string>) => {
      const deleted = parse(deletedSchema, event.data);
      if (deleted) forgetPrediction(client, deleted.id);
    };
    const open = () => {
      source = new EventSource("/api/events");
      source.addEventListener("open", () => {
        eventsStatus.set(true);
        if (!missedEvents) return;
        missedEvents = false;
        void client.invalidateQueries({ queryKey: queryKeys.prediction("").slice(0, 1) });
        void client.invalidateQueries({ queryKey: queryKeys.history });
      });
      source.addEventListener("error", () => {
        eventsStatus.set(false);
        missedEvents = true;
        // CLOSED: the server answered with an error (such as 503), and EventSource gives up; try later.
        if (source?.readyState === EventSource.CLOSED) reopen = setTimeout(open, REOPEN_AFTER_REFUSAL_MS);
      });
      source.addEventListener(PREDICTION_EVENT, onPrediction);
      source.addEventListener(DELETED_EVENT, onDeleted);
      source.addEventListener(RESYNC_EVENT, () => void client.invalidateQueries());
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.close();
      eventsStatus.set(false);
    };
  }, [client, owner]);
}
