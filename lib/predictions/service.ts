import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import { MAX_SEED, describeIssues, isTerminal, predictionRequestSchema } from "../contract";
import type { HistoryQuery, PredictionRecord, PredictionStore } from "../db/queries";
import type { Engine } from "../engines/types";
import { AppError } from "../errors";
import { log } from "../log";
import type { DiskStorage } from "../storage/disk";
import type { ThumbnailCache } from "../storage/thumbnails";
import type { PredictionEvents } from "./events";
import type { Tracker } from "./tracker";

type Deps = {
  store: PredictionStore;
  storage: DiskStorage;
  thumbnails: ThumbnailCache;
  engine: Engine;
  events: PredictionEvents;
  tracker: Tracker;
};

/** Ids look like the upstream's: 32 lowercase hex characters. */
const newId = () => randomBytes(16).toString("hex");

/** The playground's predictions: validate, store, hand to the tracker, read back. */
export class PredictionService {
  constructor(private readonly deps: Deps) {}

  get engine(): Engine {
    return this.deps.engine;
  }

  get events(): PredictionEvents {
    return this.deps.events;
  }

  get tracker(): Tracker {
    return this.deps.tracker;
  }

  submit(body: unknown): PredictionRecord {
    const parsed = predictionRequestSchema.safeParse(body);
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      throw new AppError("invalid_request", message, field);
    }
    const { seed: requested, ...input } = parsed.data;
    const seedRequested = requested ?? null;
    const seed = seedRequested === null || seedRequested === -1 ? randomInt(0, MAX_SEED) : seedRequested;
    const record = this.deps.store.insert({
      id: newId(),
      engine: this.deps.engine.name,
      model: this.deps.engine.model,
      status: "created",
      input: { ...input, seed },
      seedRequested,
      upstreamId: null,
      submitState: "pending",
      error: "",
      inferenceMs: 0,
      createdAt: new Date().toISOString(),
      completedAt: null,
    });
    this.deps.events.emit({ type: "updated", record });
    this.deps.tracker.enqueue(record.id);
    return record;
  }

  get(id: string): PredictionRecord {
    const record = this.deps.store.get(id);
    if (!record) throw new AppError("not_found", `No prediction with id "${id}".`, "id");
    return record;
  }

  find(id: string): PredictionRecord | undefined {
    return this.deps.store.get(id);
  }

  list(query: HistoryQuery) {
    return this.deps.store.list(query);
  }

  imageCounts() {
    return this.deps.store.imageCounts();
  }

  /** Removes a prediction and its images; one still running is stopped first. */
  async delete(id: string): Promise<void> {
    const record = this.get(id);
    if (!isTerminal(record.status)) this.deps.tracker.cancel(id);
    this.deps.store.delete(id);
    // The row is gone, so every view drops it now; a file that resists removal is logged, not reported as a failed delete.
    this.deps.events.emit({ type: "deleted", id });
    const removals = await Promise.allSettled([this.deps.storage.removeFolder(id), this.deps.thumbnails.remove(id)]);
    for (const removal of removals) {
      if (removal.status === "rejected") log.warn("could not remove the files of a deleted prediction", { id, error: String(removal.reason) });
    }
  }

  /** Bytes of one stored file, with its metadata. */
  async readOutput(id: string, index: number) {
    const output = this.get(id).outputs.find((candidate) => candidate.index === index);
    if (!output) throw new AppError("not_found", `Prediction "${id}" has no output ${index}.`, "index");
    const bytes = await this.deps.storage.read(output.file);
    if (!bytes) throw new AppError("not_found", `The file of output ${index} is missing.`, "index");
    return { output, bytes };
  }

  /** A small WebP of one output, rendered on first use. */
  async readThumbnail(id: string, index: number): Promise<Buffer> {
    const record = this.get(id);
    if (!record.outputs.some((output) => output.index === index)) {
      throw new AppError("not_found", `Prediction "${id}" has no output ${index}.`, "index");
    }
    return this.deps.thumbnails.get(`${id}/${index}.webp`, async () => (await this.readOutput(id, index)).bytes);
  }
}
