"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { eventsStatus } from "@/lib/browser/events-status";
import type { PredictionView } from "@/lib/playground-api";
import { DELETED_EVENT, PREDICTION_EVENT, RESYNC_EVENT } from "@/lib/playground-names";
import { newerView } from "@/lib/view/prediction-order";
import { queryKeys } from "./query-keys";
import { forgetPrediction } from "./use-delete-prediction";
import { useSession } from "./use-session";

const json = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};

/** The prediction an event carries, checked by the same schema as every answer (loaded with the first event). */
const readPrediction = async (raw: string) => (await import("@/lib/browser/wire")).readAnswer("prediction", json(raw));

const deletedId = (raw: string) => {
  const body = json(raw) as { id?: unknown } | undefined;
  return typeof body?.id === "string" ? body.id : undefined;
};

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

    // Checked one after another, so events land in the order they came.
    let landed = Promise.resolve();
    const onPrediction = (event: MessageEvent<string>) => {
      landed = landed.then(async () => {
        const view = await readPrediction(event.data);
        if (view) storeView(client, view);
      });
    };
    const onDeleted = (event: MessageEvent<string>) => {
      landed = landed.then(() => {
        const id = deletedId(event.data);
        if (id) forgetPrediction(client, id);
      });
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
