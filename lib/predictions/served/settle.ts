import type { PredictionRepo } from "../../db/prediction-repo";
import { isTerminal, type PredictionRecord } from "../../domain";
import type { EventBus } from "../../events/event-bus";

export type Settled = { record: PredictionRecord; settled: boolean };

/**
 * Waits for a prediction to reach `completed` or `failed`, hearing of it through the event
 * bus (no polling), for at most `timeoutMs` or until `signal` aborts (the client went away).
 * Resolves with the record as it stands then; undefined when the prediction is gone.
 */
export async function waitUntilSettled(
  deps: { repo: PredictionRepo; events: EventBus },
  id: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Settled | undefined> {
  let finish: (ended: boolean) => void = () => {};
  const ended = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  // Subscribed before the first read, so an ending between the two is not missed.
  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type === "deleted" && event.id === id) finish(true);
    if (event.type === "updated" && event.record.id === id && isTerminal(event.record.status)) finish(true);
  });
  const timer = setTimeout(() => finish(false), timeoutMs);
  const abort = () => finish(false);
  signal?.addEventListener("abort", abort, { once: true });
  try {
    const first = await deps.repo.get(id);
    if (!first || isTerminal(first.status)) return first && { record: first, settled: true };
    await ended;
    const record = await deps.repo.get(id);
    return record && { record, settled: isTerminal(record.status) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", abort);
    unsubscribe();
  }
}
