import { EventEmitter } from "node:events";
import type { PredictionRecord } from "../db/queries";

export type PredictionEvent = { type: "updated"; record: PredictionRecord } | { type: "deleted"; id: string };

/** In-process fan-out of prediction changes to server-sent-event streams. */
export class PredictionEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open browser tab; the default cap of 10 is far too low.
    this.emitter.setMaxListeners(0);
  }

  emit(event: PredictionEvent): void {
    this.emitter.emit("event", event);
  }

  subscribe(listener: (event: PredictionEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }

  get listenerCount(): number {
    return this.emitter.listenerCount("event");
  }
}
