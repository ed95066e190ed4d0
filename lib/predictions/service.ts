import "server-only";
import { describeIssues, type PredictionInput, predictionRequestSchema } from "../contract";
import type { ClaimOutcome, IdempotencyClaim, PredictionRepo } from "../db/prediction-repo";
import {
  costUsd,
  type EngineInput,
  type EngineName,
  type HistoryQuery,
  isTerminal,
  type LineageKind,
  MAX_NOTE_CHARS,
  type NewPrediction,
  newPredictionId,
  type PredictionOptions,
  type PredictionRecord,
  pricePerImageUsd,
  resolveSeed,
  type StoredOutput,
  type SweepCellRef,
} from "../domain";
import type { Engine, WebhookInbox } from "../engines/types";
import { AppError } from "../errors";
import type { EventBus, EventListener } from "../events/event-bus";
import { log } from "../log";
import type { createProcessMetrics } from "../metrics";
import type { PageRevalidator } from "../pages/page-revalidator";
import { predictionTag } from "../pages/share-pages";
import type { BudgetView, EngineSummary } from "../playground-api";
import { type BlobStore, readBlob, type StoredBlob } from "../storage/blob-store";
import type { ThumbnailCache } from "../storage/thumbnails";
import type { WebhookSender } from "../webhooks/sender";
import { removeStrays } from "./cleanup";
import { claimFor, IDEMPOTENCY_TTL_MS, keyReused, readIdempotencyKey } from "./idempotency";
import type { KeyGate } from "./key-gate";
import { type Family, familyOf, lineageFor } from "./lineage";
import { withRecipe } from "./recipe";
import { type Settled, waitUntilSettled } from "./settle";
import type { StorageGuard } from "./storage-guard";
import type { SubmitLimits } from "./submit-limits";
import type { Tracker } from "./tracker";

export type PredictionServiceDeps = {
  repo: PredictionRepo;
  blobs: BlobStore;
  thumbnails: ThumbnailCache;
  engine: Engine;
  events: EventBus;
  tracker: Tracker;
  /** Storage errors as the person sees them, and the disk reserve that lets deletes work on a full disk. */
  storage: StorageGuard;
  metrics: ReturnType<typeof createProcessMetrics>;
  /** Present when the engine pushes results to us (WaveSpeed webhooks). */
  webhooks?: WebhookInbox;
  /** Rate, queue and budget checks for each submit; without them every valid submit is taken. */
  limits?: SubmitLimits;
  /** Refuses submits while the upstream rejects the key. */
  keyGate: KeyGate;
  /** Our own webhooks, to the URLs clients name. */
  webhookSender: WebhookSender;
  /** Cached pages that show a run; told when what they show changes. */
  pages?: PageRevalidator;
};

/** How a submit of the served contract asked to be answered, and where its webhook goes. */
export type SubmitExtras = {
  options?: PredictionOptions;
  webhook?: { url: string; baseUrl: string };
  /** Who submits (an owner session, the token, an address): submits are counted per caller. */
  caller?: string;
  /** The request's `Idempotency-Key` header: a resend with the same key gets the first answer's prediction. */
  idempotencyKey?: string | null;
  /** The run this one was made from, and how (re-run, vary seed, settings, tweak). */
  parent?: ParentRef | null;
};

export type History = {
  items: PredictionRecord[];
  nextCursor: string | null;
  totals: { images: Record<EngineName, number>; costUsd: number };
  /** How many runs the threads of this page hold, by thread id. */
  threadSizes: Record<string, number>;
};

/** The run a new one is made from, and how (Re-run, Vary seed, …). */
export type ParentRef = { id: string; kind: LineageKind };

/** A run to start, already validated: from the form, or a sweep's cell. */
export type NewRun = {
  input: EngineInput;
  seedRequested: number | null;
  parent?: ParentRef | null;
  /** How the served contract asked to be answered, and where its webhook goes. */
  options?: PredictionOptions;
  webhook?: { url: string; baseUrl: string };
  /** A sweep cell without a parent run still has lineage: the kind, and what differs from the sweep's base. */
  sweep?: SweepCellRef & { base: EngineInput };
};

/** A note and a star change: either or both. */
export type Annotation = { note?: string; star?: { index: number; starred: boolean } };

/**
 * The playground's predictions, and the only thing routes and pages touch:
 * validate, store, hand to the tracker, read back, delete, stream changes.
 */
export class PredictionService {
  /** Submits are admitted one at a time, so the queue and budget checks count every earlier submit. */
  private admitting: Promise<unknown> = Promise.resolve();
  private maintenance?: NodeJS.Timeout;

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
   * Validates a request (the served contract's body) and starts it. With an `Idempotency-Key`, a
   * request already made with that key within 24 h gets its prediction back, before any limit is
   * checked, and starts nothing; the same key with another request is refused.
   */
  async submit(body: unknown, extras: SubmitExtras = {}): Promise<PredictionRecord> {
    const parsed = predictionRequestSchema.safeParse(body);
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      throw new AppError("invalid_request", message, field);
    }
    const key = readIdempotencyKey(extras.idempotencyKey);
    const { seed: requested, ...input } = parsed.data;
    const run: NewRun = {
      input: { ...input, seed: resolveSeed(requested) },
      seedRequested: requested ?? null,
      parent: extras.parent,
      options: extras.options,
      webhook: extras.webhook,
    };
    const claim = key === undefined ? undefined : claimFor(key, parsed.data, run);
    const [record] = await this.startAll([run], extras.caller, claim);
    return record;
  }

  /**
   * Stores validated runs as `created`, announces them and queues them: every run, sweep cells too,
   * starts here. They are admitted together, one batch at a time, so the queue and budget checks
   * count every earlier run; a refused batch stores nothing and sends nothing upstream.
   * `caller` names who asks (an owner session, the token, an address): submits are counted per caller.
   */
  async startAll(runs: NewRun[], caller = "internal", claim?: IdempotencyClaim): Promise<PredictionRecord[]> {
    // A key the upstream rejects would only make tasks that fail: refused before anything is stored.
    await this.deps.keyGate.admit();
    const images = runs.reduce((sum, run) => sum + run.input.num_images, 0);
    const admitted = this.admitting.then(async (): Promise<ClaimOutcome[]> => {
      // A resend of a submit already made starts nothing, so no limit stands in its way.
      const earlier = claim && (await this.deps.repo.findClaim(claim));
      if (earlier) return [earlier];
      await this.deps.limits?.admit(caller, images, runs.length);
      const outcomes: ClaimOutcome[] = [];
      for (const run of runs) outcomes.push(await this.store(await this.prepare(run), claim));
      return outcomes;
    });
    this.admitting = admitted.catch(() => undefined);
    const outcomes = await admitted;
    if (outcomes.some((created) => created.outcome === "mismatch")) throw keyReused();
    const records = outcomes.map((created) => created.record!);
    if (outcomes[0]?.outcome === "replayed") return records;
    for (const [index, record] of records.entries()) {
      const { webhook } = runs[index];
      // Stored before the tracker has the prediction, so its ending cannot come first.
      if (webhook) await this.deps.webhookSender.register(record.id, webhook.url, webhook.baseUrl);
      await this.deps.events.publish({ type: "updated", record });
      this.deps.tracker.enqueue(record.id);
    }
    // A parent's page lists the runs made from it.
    const parents = records.flatMap((record) => (record.lineage?.parentId ? [predictionTag(record.lineage.parentId)] : []));
    if (parents.length > 0) this.deps.pages?.revalidate([...new Set(parents)]);
    return records;
  }

  /** Today's spend against the daily budget; null when there is none. */
  async budgetToday(): Promise<BudgetView | null> {
    return (await this.deps.limits?.budgetToday()) ?? null;
  }

  private async prepare(run: NewRun): Promise<NewPrediction> {
    const id = newPredictionId();
    const provenance = await lineageFor(this.deps.repo, id, run);
    return {
      id,
      engine: this.deps.engine.name,
      model: this.deps.engine.model,
      status: "created",
      input: run.input,
      seedRequested: run.seedRequested,
      upstreamId: null,
      submitState: "pending",
      error: "",
      inferenceMs: 0,
      createdAt: new Date().toISOString(),
      completedAt: null,
      options: run.options,
      ...provenance,
      sweep: run.sweep ? { id: run.sweep.id, x: run.sweep.x, y: run.sweep.y } : null,
    };
  }

  private async store(prediction: NewPrediction, claim: IdempotencyClaim | undefined): Promise<ClaimOutcome> {
    try {
      if (claim) return await this.deps.repo.createOnce(prediction, claim);
      return { outcome: "created", record: await this.deps.repo.create(prediction) };
    } catch (error) {
      throw this.deps.storage.toAppError(error);
    }
  }

  /**
   * Fails the runs among `ids` that wait here and were never sent, with `reason`; runs already
   * handed to the engine go on and finish. Returns the ids it failed.
   */
  async dropUnsent(ids: string[], reason: string): Promise<string[]> {
    const dropped = this.deps.tracker.cancelQueued(ids);
    const failed: string[] = [];
    for (const id of dropped) {
      const outcome = await this.deps.repo.update(id, { status: "failed", error: reason, completedAt: new Date().toISOString() });
      if (outcome !== "updated") continue;
      failed.push(id);
      const record = await this.deps.repo.get(id);
      if (record) await this.deps.events.publish({ type: "updated", record });
    }
    return failed;
  }

  /** Sets a run's note, stars or unstars one of its images; every view hears of it. */
  async annotate(id: string, annotation: Annotation): Promise<PredictionRecord> {
    let record = await this.get(id);
    if (annotation.note !== undefined) {
      const note = annotation.note.trim();
      if (note.length > MAX_NOTE_CHARS)
        throw new AppError("invalid_request", `note must be at most ${MAX_NOTE_CHARS} characters`, "note");
      record = (await this.deps.repo.setNote(id, note)) ?? record;
    }
    if (annotation.star) {
      const { index, starred } = annotation.star;
      const starredRecord = await this.deps.repo.setStar(id, index, starred);
      if (!starredRecord) throw new AppError("not_found", `Prediction "${id}" has no image ${index}.`, "star.index");
      record = starredRecord;
    }
    await this.deps.events.publish({ type: "updated", record });
    this.deps.pages?.revalidate([predictionTag(id)]);
    return record;
  }

  /** Where a run came from (root first) and what was made from it. */
  family(id: string): Promise<Family> {
    return familyOf(this.deps.repo, id);
  }

  /** Every run of a sweep, retried cells included. */
  sweepCells(sweepId: string): Promise<PredictionRecord[]> {
    return this.deps.repo.sweepCells(sweepId);
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
    const threadSizes = await this.deps.repo.threadSizes(page.items.map((item) => item.threadId));
    return { ...page, totals: { images, costUsd: costUsd("wavespeed", images.wavespeed) }, threadSizes };
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
    // Its own page, and its parent's, which lists it as a child (its children's pages catch up within a minute).
    const parentId = record.lineage?.parentId;
    this.deps.pages?.revalidate([predictionTag(id), ...(parentId ? [predictionTag(parentId)] : [])]);
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

  /** One original with its recipe embedded (prompt, seed and settings, model), for a download. */
  async downloadOutput(id: string, index: number): Promise<{ record: PredictionRecord; output: StoredOutput; bytes: Buffer }> {
    const { record, output } = await this.findOutput(id, index);
    const bytes = await readBlob(this.deps.blobs, output.file);
    if (!bytes) throw missingFile(index);
    return { record, output, bytes: await withRecipe(bytes, output.contentType, record) };
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
    this.deps.webhookSender.stop();
    this.deps.metrics.stop();
    await Promise.all([this.deps.events.close(), this.deps.repo.close()]);
  }
}

const missingFile = (index: number) => new AppError("not_found", `The file of output ${index} is missing.`, "index");
