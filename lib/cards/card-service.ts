import "server-only";
import { isTerminal } from "../domain";
import { AppError } from "../errors";
import type { EventBus } from "../events/event-bus";
import type { PredictionService } from "../predictions/service";
import type { BlobStore } from "../storage/blob-store";
import type { SweepService } from "../sweeps/sweep-service";
import type { CompareRef } from "../view/compare";
import type { ImageReader } from "./card-render";
import { type CardInput, compareCard, predictionCard, settingsCard, sweepCardOf } from "./card-spec";
import { type Card, PreviewCards } from "./preview-cards";

/** The cards of share pages, sweeps, compares and settings links, from what is stored now. */
export class CardService {
  private readonly cards: PreviewCards;

  constructor(
    private readonly deps: { predictions: PredictionService; sweeps: SweepService },
    store: BlobStore,
    events?: EventBus,
  ) {
    const read: ImageReader = async ({ id, index }) => {
      try {
        const { blob } = await deps.predictions.files.openOutput(id, index);
        return Buffer.from(await new Response(blob.body).arrayBuffer());
      } catch {
        return undefined;
      }
    };
    this.cards = new PreviewCards(store, read, events);
  }

  /** A run's card; stored once the run has finished (until then it may still change). */
  async prediction(id: string): Promise<Card> {
    const record = await this.deps.predictions.get(id);
    return this.cards.card(predictionCard(record), isTerminal(record.status) ? record.id : undefined);
  }

  /** A sweep's card; stored once every cell has ended. */
  async sweep(id: string): Promise<Card> {
    const { sweep, cells } = await this.deps.sweeps.get(id);
    const { spec, done } = sweepCardOf(sweep, cells);
    return this.cards.card(spec, done ? `sweep-${sweep.id}` : undefined);
  }

  /** The compared images that are still here; a compare of fewer than two is not one. */
  async compare(refs: CompareRef[]): Promise<Card> {
    const items = [];
    for (const ref of refs) {
      const run = await this.deps.predictions.find(ref.id);
      if (run?.outputs.some((output) => output.index === ref.index)) items.push({ run, index: ref.index });
    }
    if (items.length < 2) throw new AppError("not_found", "A compare needs two images that are still here.", "i");
    return this.cards.card(compareCard(items), "compare");
  }

  settings(input: Partial<CardInput>): Promise<Card> {
    return this.cards.card(settingsCard(input));
  }
}
