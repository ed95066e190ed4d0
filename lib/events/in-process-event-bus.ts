import { EventEmitter } from "node:events";
import { log } from "../log";
import type { EventBus, EventListener, PredictionEvent } from "./event-bus";

/** EventBus within one process: enough for one server, which is all SQLite allows. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open browser tab; the default cap of 10 is far too low.
    this.emitter.setMaxListeners(0);
  }

  async publish(event: PredictionEvent): Promise<void> {
    this.emitter.emit("event", event);
  }

  subscribe(listener: EventListener): () => void {
    const guarded: EventListener = (event) => {
      try {
        listener(event);
      } catch (error) {
        log.warn("an event listener failed", { error: String(error) });
      }
    };
    this.emitter.on("event", guarded);
    return () => this.emitter.off("event", guarded);
  }

  get subscriberCount(): number {
    return this.emitter.listenerCount("event");
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
