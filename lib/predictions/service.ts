import "server-only";
import { describeIssues, type PredictionInput, predictionRequestSchema } from "../contract";
import type { PredictionRepo } from "../db/prediction-repo";
import {
  costUsd,
  type EngineName,
  type HistoryQuery,
  isTerminal,
  newPredictionId,
  type PredictionOptions,
  type PredictionRecord,
  pricePerImageUsd,
  resolveSeed,
  type StoredOutput,
} from "../domain";
import type { Engine, WebhookInbox } from "../engines/types";
import { AppError } from "../errors";
import type { EventBus, EventListener } from "../events/event-bus";
import { log } from "../log";
import type { createProcessMetrics } from "../metrics";
import type { BudgetView, EngineSummary } from "../playground-api";
import { type BlobStore, readBlob, type StoredBlob } from "../storage/blob-store";
import type { ThumbnailCache } from "../storage/thumbnails";
import type { WebhookSender } from "../webhooks/sender";
import type { KeyGate } from "./key-gate";
import { type Settled, waitUntilSettled } from "./settle";
import type { SubmitLimits } from "./submit-limits";
import type { Tracker } from "./tracker";

export type PredictionServiceDeps = {
  repo: PredictionRepo;
  blobs: BlobStore;
  thumbnails: ThumbnailCache;
  engine: Engine;
  events: EventBus;
  tracker: Tracker;
  metrics: ReturnType<typeof createProcessMetrics>;
  /** Present when the engine pushes results to us (WaveSpeed webhooks). */
  webhooks?: WebhookInbox;
  /** Rate, queue and budget checks for each submit; without them every valid submit is taken. */
  limits?: SubmitLimits;
  /** Refuses submits while the upstream rejects the key. */
  keyGate: KeyGate;
  /** Our own webhooks, to the URLs clients name. */
  webhookSender: WebhookSender;
};

/** How a submit of the served contract asked to be answered, and where its webhook goes. */
export type SubmitExtras = {
  options?: PredictionOptions;
  webhook?: { url: string; baseUrl: string };
  /** Who submits (an owner session, the token, an address): submits are counted per caller. */
  caller?: string;
};

export type History = {
  items: PredictionRecord[];
  nextCursor: string | null;
  totals: { images: Record<EngineName, number>; costUsd: number };
};

/**
 * The playground's predictions, and the only thing routes and pages touch:
 * validate, store, hand to the tracker, read back, delete, stream changes.
 */
export class PredictionService {
  /** Submits are admitted one at a time, so the queue and budget checks count every earlier submit. */
  private admitting: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PredictionServiceDeps) {}

  async submit(body: unknown, extras: SubmitExtras = {}): Promise<PredictionRecord> {
    // A key the upstream rejects would only make a task that fails: refused before anything is stored.
    await this.deps.keyGate.admit();
    const parsed = predictionRequestSchema.safeParse(body);
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      throw new AppError("invalid_request", message, field);
    }
    const { seed: requested, ...input } = parsed.data;
    const admitted = this.admitting.then(async () => {
      await this.deps.limits?.admit(extras.caller ?? "internal", input.num_images);
      return this.create(input, requested, extras.options);
    });
    this.admitting = admitted.catch(() => undefined);
    const record = await admitted;
    // Stored before the tracker has the prediction, so its ending cannot come first.
    if (extras.webhook) await this.deps.webhookSender.register(record.id, extras.webhook.url, extras.webhook.baseUrl);
    await this.deps.events.publish({ type: "updated", record });
    this.deps.tracker.enqueue(record.id);
    return record;
  }

  /** Today's spend against the daily budget; null when there is none. */
  async budgetToday(): Promise<BudgetView | null> {
    return (await this.deps.limits?.budgetToday()) ?? null;
  }

  private create(
    input: Omit<PredictionInput, "seed">,
    requested: number | null | undefined,
    options: PredictionOptions | undefined,
  ): Promise<PredictionRecord> {
    return this.deps.repo.create({
      id: newPredictionId(),
      engine: this.deps.engine.name,
      model: this.deps.engine.model,
      status: "created",
      input: { ...input, seed: resolveSeed(requested) },
      seedRequested: requested ?? null,
      upstreamId: null,
      submitState: "pending",
      error: "",
      inferenceMs: 0,
      createdAt: new Date().toISOString(),
      completedAt: null,
      options,
    });
  }

  async get(id: string): Promise<PredictionRecord> {
    const record = await this.deps.repo.get(id);
    if (!record) throw new AppError("not_found", `No prediction with id "${id}".`, "id");
    return record;
  }

  find(id: string): Promise<PredictionRecord | undefined> {
    return this.deps.repo.get(id);
  }

  /** The prediction once it has ended, or as it stands after `timeoutMs` (settled: false). */
  async waitUntilSettled(id: string, timeoutMs: number, signal?: AbortSignal): Promise<Settled> {
    const settled = await waitUntilSettled(this.deps, id, timeoutMs, signal);
    if (!settled) throw new AppError("not_found", `No prediction with id "${id}".`, "id");
    return settled;
  }

  /** One page of history, newest first, with the running totals. */
  async history(query: HistoryQuery): Promise<History> {
    const [page, images] = await Promise.all([this.deps.repo.list(query), this.deps.repo.imageCounts()]);
    return { ...page, totals: { images, costUsd: costUsd("wavespeed", images.wavespeed) } };
  }

  /** Removes a prediction and its images; one still running is stopped first. */
  async delete(id: string): Promise<void> {
    const record = await this.get(id);
    if (!isTerminal(record.status)) this.deps.tracker.cancel(id);
    await this.deps.repo.delete(id);
    // The row is gone, so every view drops it now; a file that resists removal is logged, not reported as a failed delete.
    await this.deps.events.publish({ type: "deleted", id });
    const removals = await Promise.allSettled([this.deps.blobs.deletePrefix(id), this.deps.thumbnails.remove(id)]);
    for (const removal of removals) {
      if (removal.status === "rejected")
        log.warn("could not remove the files of a deleted prediction", { id, error: String(removal.reason) });
    }
  }

  /** One stored original, as a stream, with the record it belongs to. */
  async openOutput(id: string, index: number): Promise<{ record: PredictionRecord; output: StoredOutput; blob: StoredBlob }> {
    const { record, output } = await this.findOutput(id, index);
    const blob = await this.deps.blobs.get(output.file);
    if (!blob) throw missingFile(index);
    return { record, output, blob };
  }

  /** A small WebP of one output, rendered on first use. */
  async readThumbnail(id: string, index: number): Promise<Buffer> {
    const { output } = await this.findOutput(id, index);
    return this.deps.thumbnails.get(`${id}/${index}.webp`, async () => {
      const bytes = await readBlob(this.deps.blobs, output.file);
      if (!bytes) throw missingFile(index);
      return bytes;
    });
  }

  private async findOutput(id: string, index: number) {
    const record = await this.get(id);
    const output = record.outputs.find((candidate) => candidate.index === index);
    if (!output) throw new AppError("not_found", `Prediction "${id}" has no output ${index}.`, "index");
    return { record, output };
  }

  /** Every change to any prediction, from now on. Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    return this.deps.events.subscribe(listener);
  }

  /** Applies a result the engine pushed to us (a WaveSpeed webhook). */
  async receiveWebhook(headers: Headers, rawBody: string): Promise<void> {
    if (!this.deps.webhooks) throw new AppError("not_found", "Webhooks are not enabled on this server.");
    const { upstreamId, state } = await this.deps.webhooks.read(headers, rawBody);
    const known = await this.deps.tracker.notify(upstreamId, state);
    if (!known) throw new AppError("not_found", `No prediction for task "${upstreamId}".`, "id");
  }

  /** What the pages need to know about the engine; nothing secret. */
  engineInfo(): EngineSummary {
    const { name, model } = this.deps.engine;
    return { engine: name, model, pricePerImageUsd: pricePerImageUsd(name) };
  }

  /** Liveness and load, for monitors and the benchmarks; `reset` starts a new event-loop window. */
  health({ reset = false } = {}) {
    return {
      ok: true,
      engine: this.deps.engine.name,
      inFlight: this.deps.tracker.inFlight,
      waiting: this.deps.tracker.waiting,
      ...this.deps.metrics.read({ reset }),
    };
  }

  /** Stops the tracker and closes the stores (tests, shutdown). */
  async close(): Promise<void> {
    this.deps.tracker.stop();
    this.deps.webhookSender.stop();
    this.deps.metrics.stop();
    await Promise.all([this.deps.events.close(), this.deps.repo.close()]);
  }
}

const missingFile = (index: number) => new AppError("not_found", `The file of output ${index} is missing.`, "index");
