import type { PredictionRecord } from "../domain";

/**
 * A change to a prediction, as the event stream and the pages hear of it. `resync`: changes may
 * have been missed (a networked bus reconnected); whoever shows predictions should read them afresh.
 */
export type PredictionEvent =
  | { type: "updated"; record: PredictionRecord }
  /** `parentId`: the run it was made from, whose page listed it (told only in the process that deleted it). */
  | { type: "deleted"; id: string; parentId?: string }
  | { type: "resync" };

export type EventListener = (event: PredictionEvent) => void;

/**
 * Fan-out of prediction changes to whoever listens (the browsers' event
 * streams). In-process today (in-process-event-bus.ts); any other
 * implementation must pass the same contract suite (testing/contracts/event-bus.ts).
 */
export interface EventBus {
  /** Delivers the event to every subscriber, including those of this process. */
  publish(event: PredictionEvent): Promise<void>;
  /** Returns the unsubscribe function. A listener that throws does not stop the others. */
  subscribe(listener: EventListener): () => void;
  /** Open subscriptions in this process. */
  readonly subscriberCount: number;
  close(): Promise<void>;
}
