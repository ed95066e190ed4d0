import { EARLY_DELIVERY_MS, type EarlyDeliveryStore } from "../db/early-delivery-store";
import type { EngineState } from "../engines/types";

/** How many deliveries one process keeps at most. */
const EARLY_DELIVERY_MAX = 256;

/** Early webhook deliveries of one process, by upstream id; their submit picks them up. */
export class EarlyDeliveries implements EarlyDeliveryStore {
  readonly shared = false;
  private readonly held = new Map<string, { state: EngineState; receivedAt: number }>();

  async hold(upstreamId: string, state: EngineState): Promise<void> {
    const now = Date.now();
    for (const [key, held] of this.held) {
      if (now - held.receivedAt > EARLY_DELIVERY_MS || this.held.size >= EARLY_DELIVERY_MAX) this.held.delete(key);
    }
    this.held.set(upstreamId, { state, receivedAt: now });
  }

  async take(upstreamId: string): Promise<EngineState | undefined> {
    const held = this.held.get(upstreamId);
    this.held.delete(upstreamId);
    return held && Date.now() - held.receivedAt <= EARLY_DELIVERY_MS ? held.state : undefined;
  }
}
