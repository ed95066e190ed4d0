import "server-only";
import { describeIssues, predictionRequestSchema } from "../contract";
import type { ClaimOutcome, IdempotencyClaim, PredictionRepo } from "../db/prediction-repo";
import {
  costUsd,
  type EngineName,
  type HistoryQuery,
  isTerminal,
  type NewPrediction,
  newPredictionId,
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
import { removeStrays } from "./cleanup";
import { claimFor, IDEMPOTENCY_TTL_MS, keyReused, readIdempotencyKey } from "./idempotency";
import type { StorageGuard } from "./storage-guard";
import type { SubmitLimits } from "./submit-limits";
import type { Tracker } from "./tracker";

export type PredictionServiceDeps = {
  repo: PredictionRepo;
  blobs: BlobStore;
  thumbnails: ThumbnailCache;
  storage: StorageGuard;
  engine: Engine;
  events: EventBus;
  tracker: Tracker;
  metrics: ReturnType<typeof createProcessMetrics>;
  /** Present when the engine pushes results to us (WaveSpeed webhooks). */
  webhooks?: WebhookInbox;
  /** Rate, queue and budget checks for each submit; without them every valid submit is taken. */
  limits?: SubmitLimits;
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
  private maintenance?: NodeJS.Timeout;
  /** Submits are admitted one at a time, so the queue and budget checks count every earlier submit. */
  private admitting: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PredictionServiceDeps) {}

  /**
   * Gets a server going: removes what a crash or a full disk left behind, takes the disk reserve,
   * resumes unfinished predictions, then runs maintenance every `maintenanceMs` (reconcile, reserve,
   * expired idempotency keys).
   */
  async start({ maintenanceMs }: { maintenanceMs: number }): Promise<{ resumed: number; strays: number }> {
    const { incomplete, orphans } = await removeStrays(this.deps.repo, [this.deps.blobs, this.deps.thumbnails.storage]);
    await this.deps.storage.refill().catch((error) => log.warn("could not take the disk reserve", { error: String(error) }));
    const resumed = await this.deps.tracker.resume();
    this.maintenance = setInterval(() => void this.maintain(), maintenanceMs);
    this.maintenance.unref();
    return { resumed, strays: incomplete + orphans };
  }

  private async maintain(): Promise<void> {
    try {
      await this.deps.tracker.reconcile();
      await this.deps.storage.refill();
      await this.deps.repo.forgetIdempotencyKeys(new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString());
    } catch (error) {
      log.warn("maintenance did not finish; it runs again shortly", { error: String(error) });
    }
  }

  /**
   * Validates and stores a prediction, then hands it to the tracker. `caller` names who submits (an
   * owner session, the token, an address): submits are counted per caller. With an `Idempotency-Key`,
   * a request already made with that key within 24 h gets its prediction back, before any limit is
   * checked, and starts nothing.
   */
  async submit(
    body: unknown,
    { caller = "internal", idempotencyKey }: { caller?: string; idempotencyKey?: string | null } = {},
  ): Promise<PredictionRecord> {
    const parsed = predictionRequestSchema.safeParse(body);
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      throw new AppError("invalid_request", message, field);
    }
    const key = readIdempotencyKey(idempotencyKey);
    const { seed: requested, ...input } = parsed.data;
    const prediction: NewPrediction = {
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
    };
    const claim = key === undefined ? undefined : claimFor(key, parsed.data);
    const admitted = this.admitting.then(async () => {
      // A resend of a submit already made starts nothing, so no limit stands in its way.
      const earlier = claim && (await this.deps.repo.findClaim(claim));
      if (earlier) return earlier;
      await this.deps.limits?.admit(caller, input.num_images);
      return this.store(prediction, claim);
    });
    this.admitting = admitted.catch(() => undefined);
    const created = await admitted;
    if (created.outcome === "mismatch") throw keyReused();
    const { record } = created;
    if (created.outcome === "replayed") return record;
    await this.deps.events.publish({ type: "updated", record });
    this.deps.tracker.enqueue(record.id);
    return record;
  }

  /** Today's spend against the daily budget; null when there is none. */
  async budgetToday(): Promise<BudgetView | null> {
    return (await this.deps.limits?.budgetToday()) ?? null;
  }

  private async store(prediction: NewPrediction, claim: IdempotencyClaim | undefined): Promise<ClaimOutcome> {
    try {
      if (claim) return await this.deps.repo.createOnce(prediction, claim);
      return { outcome: "created", record: await this.deps.repo.create(prediction) };
    } catch (error) {
      throw this.deps.storage.toAppError(error);
    }
  }

  async get(id: string): Promise<PredictionRecord> {
    const record = await this.deps.repo.get(id);
    if (!record) throw new AppError("not_found", `No prediction with id "${id}".`, "id");
    return record;
  }

  find(id: string): Promise<PredictionRecord | undefined> {
    return this.deps.repo.get(id);
  }

  /** One page of history, newest first, with the running totals. */
  async history(query: HistoryQuery): Promise<History> {
    const [page, images] = await Promise.all([this.deps.repo.list(query), this.deps.repo.imageCounts()]);
    return { ...page, totals: { images, costUsd: costUsd("wavespeed", images.wavespeed) } };
  }

  /**
   * Removes a prediction and its images; one still running is stopped first. Files go before the row,
   * as on a full disk the row's delete needs the room they free; they are removed again after it, so a
   * mirror or thumbnail that wrote in between leaves nothing either. Delete is final.
   */
  async delete(id: string): Promise<void> {
    const record = await this.get(id);
    if (!isTerminal(record.status)) this.deps.tracker.cancel(id);
    await this.removeFiles(id);
    try {
      await this.deps.repo.delete(id);
    } catch (error) {
      if (!(await this.deps.storage.makeRoom())) throw this.deps.storage.toAppError(error);
      await this.deps.repo.delete(id).catch((again) => {
        throw this.deps.storage.toAppError(again);
      });
    }
    await this.deps.events.publish({ type: "deleted", id });
    await this.removeFiles(id);
  }

  /** A file that resists removal is logged, not reported as a failed delete: the row decides what exists. */
  private async removeFiles(id: string): Promise<void> {
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
    clearInterval(this.maintenance);
    this.deps.tracker.stop();
    this.deps.metrics.stop();
    await Promise.all([this.deps.events.close(), this.deps.repo.close()]);
  }
}

const missingFile = (index: number) => new AppError("not_found", `The file of output ${index} is missing.`, "index");
