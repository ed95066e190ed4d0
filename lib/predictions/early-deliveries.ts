import type { EngineState } from "../engines/types";

/** How long a webhook that beat its submit's answer is kept for that submit, and how many at most. */
const EARLY_DELIVERY_MS = 60_000;
const EARLY_DELIVERY_MAX = 256;

/** Webhook deliveries for upstream ids not stored yet, by upstream id; their submit picks them up. */
export class EarlyDeliveries {
  private readonly held = new Map<string, { state: EngineState; receivedAt: number }>();

  hold(upstreamId: string, state: EngineState): void {
    const now = Date.now();
    for (const [key, held] of this.held) {
      if (now - held.receivedAt > EARLY_DELIVERY_MS || this.held.size >= EARLY_DELIVERY_MAX) this.held.delete(key);
    }
    this.held.set(upstreamId, { state, receivedAt: now });
  }

  take(upstreamId: string): EngineState | undefined {
    const held = this.held.get(upstreamId);
    this.held.delete(upstreamId);
    return held && Date.now() - held.receivedAt <= EARLY_DELIVERY_MS ? held.state : undefined;
  }
}
