import type { EngineState } from "../engines/types";

/**
 * Webhook deliveries that came before the tracker could apply them, by upstream id: a fast task's
 * webhook can beat its submit's answer, and with several instances a webhook can reach one that
 * does not own the run. Kept in memory for one process (lib/predictions/early-deliveries.ts), in
 * a table across instances (postgres/postgres-early-deliveries.ts).
 */
export interface EarlyDeliveryStore {
  /** True when a delivery may concern a run of another instance, so every unknown one is kept. */
  readonly shared: boolean;
  hold(upstreamId: string, state: EngineState): Promise<void>;
  /** The delivery kept for the id, removed as it is taken; undefined when none (or it expired). */
  take(upstreamId: string): Promise<EngineState | undefined>;
}

/** How long a delivery is kept for its run: far longer than a submit's answer or a poll takes. */
export const EARLY_DELIVERY_MS = 60_000;
