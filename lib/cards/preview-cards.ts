import "server-only";
import type { EventBus } from "../events/event-bus";
import type { BlobStore } from "../storage/blob-store";
import { readBlob } from "../storage/blob-store";
import { drawCard, type ImageReader } from "./card-render";
import { type CardSpec, cardKey } from "./card-spec";

export type Card = { png: Buffer; key: string /** false when it came from the store */; drawn: boolean };

/** Cards with no run behind them (settings links) are any text at all: kept in memory, a few at a time. */
const UNSTORED_LIMIT = 32;

/**
 * Link-preview cards, drawn once: a card is stored under its run or sweep (`<scope>/<key>.png`) in
 * its own BlobStore, found there on every later request, and removed with its run. Two requests
 * for a card not yet drawn share one drawing.
 */
export class PreviewCards {
  private readonly drawing = new Map<string, Promise<Buffer>>();
  private readonly unstored = new Map<string, Buffer>();

  constructor(
    private readonly store: BlobStore,
    private readonly read: ImageReader,
    events?: EventBus,
  ) {
    events?.subscribe((event) => {
      if (event.type === "deleted") void this.store.deletePrefix(event.id).catch(() => {});
    });
  }

  /** The card for `spec`; `scope` names the run or sweep it belongs to, or nothing for a card kept in memory. */
  async card(spec: CardSpec, scope?: string): Promise<Card> {
    const key = cardKey(spec);
    const blobKey = scope ? `${scope}/${key}.png` : undefined;
    const stored = blobKey ? await readBlob(this.store, blobKey) : this.unstored.get(key);
    if (stored) return { png: stored, key, drawn: false };

    const running = this.drawing.get(key);
    if (running) return { png: await running, key, drawn: false };
    const drawing = drawCard(spec, this.read).then(async (png) => {
      if (blobKey) await this.store.put(blobKey, png, "image/png");
      else this.keepInMemory(key, png);
      return png;
    });
    this.drawing.set(key, drawing);
    try {
      return { png: await drawing, key, drawn: true };
    } finally {
      this.drawing.delete(key);
    }
  }

  private keepInMemory(key: string, png: Buffer) {
    this.unstored.set(key, png);
    if (this.unstored.size > UNSTORED_LIMIT) this.unstored.delete(this.unstored.keys().next().value!);
  }
}
