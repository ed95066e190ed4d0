import "server-only";
import { editRequestSchema, multiRequestSchema, predictionRequestSchema, type RequestKind, requestKindOf } from "../contract";
import type { ClaimOutcome, IdempotencyClaim, PredictionRepo } from "../db/prediction-repo";
import {
  costUsd,
  type EngineInput,
  type EngineName,
  type HistoryQuery,
  type InputImage,
  isTerminal,
  type LineageKind,
  MAX_NOTE_CHARS,
  type NewPrediction,
  nearestAspectRatio,
  newPredictionId,
  type PredictionOptions,
  type PredictionRecord,
  pricePerImageUsd,
  type RunSource,
  resolveSeed,
  type StoredOutput,
  type SweepCellRef,
} from "../domain";
import type { Engine, WebhookInbox } from "../engines/types";
import { AppError, isAppError } from "../errors";
import type { EventBus, EventListener } from "../events/event-bus";
import type { DecodedImage } from "../inputs/decode-image";
import type { EditImages } from "../inputs/edit-images";
import type { InputImages } from "../inputs/input-images";
import { log } from "../log";
import type { createProcessMetrics } from "../metrics";
import { parseOrThrow } from "../parse";
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
  /** Input images of edits, kept by content. */
  inputs: InputImages;
  /** Reads and checks the images an edit names. */
  editImages: EditImages;
};

/** How a submit of the served contract asked to be answered, and where its webhook goes. */
export type SubmitExtras = {
  options?: PredictionOptions;
  webhook?: { url: string; baseUrl: string };
  /** Who submits (an owner session, the token, an address): submits are counted per caller. */
  caller?: string;
  /** The request's `Idempotency-Key` header: a resend with the same key gets the first answer's prediction. */
  idempotencyKey?: string | null;
  /** The run this one was made from, and how (re-run, vary seed, settings, tweak, edit). */
  parent?: ParentRef | null;
  /** Which model: the served contract says by its path; the playground's own API by the body's fields. */
  kind?: RequestKind;
  /** The base of this server's links as the client sees them: an image URL on it is read from the store. */
  baseUrl?: string;
  /** Who asked, when not the playground's pages or the served API: an assistant over MCP. */
  source?: RunSource | null;
};

/** A request made into a run's input: validated, the seed concrete, an edit's images read and checked (not yet stored). */
export type PreparedRun = { input: EngineInput; seedRequested: number | null; images?: DecodedImage[] };

export type History = {
  items: PredictionRecord[];
  nextCursor: string | null;
  totals: { images: Record<EngineName, number>; costUsd: number };
  /** How many runs the threads of this page hold, by thread id. */
  threadSizes: Record<string, number>;
  /** With collapseSweeps: every run of each sweep an entry of this page stands for, by sweep id. */
  sweeps: Record<string, PredictionRecord[]>;
};

/** The run a new one is made from, and how (Re-run, Vary seed, …). */
export type ParentRef = { id: string; kind: LineageKind };

/** A run to start, already validated: from the form, or a sweep's cell. */
export type NewRun = {
  input: EngineInput;
  seedRequested: number | null;
  /** An edit's images as read, stored when the run is created; absent when they are stored already. */
  images?: DecodedImage[];
  parent?: ParentRef | null;
  /** How the served contract asked to be answered, and where its webhook goes. */
  options?: PredictionOptions;
  webhook?: { url: string; baseUrl: string };
  /** A sweep cell without a parent run still has lineage: the kind, and what differs from the sweep's base. */
  sweep?: SweepCellRef & { base: EngineInput };
  /** An assistant over MCP, when one asked for it. */
  source?: RunSource | null;
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
   * Validates a request (the served contract's body: text-to-image, an edit, or multi) and starts it.
   * With an `Idempotency-Key`, a request already made with that key within 24 h gets its prediction
   * back, before any limit is checked, and starts nothing; the same key with another request is refused.
   */
  async submit(body: unknown, extras: SubmitExtras = {}): Promise<PredictionRecord> {
    const key = readIdempotencyKey(extras.idempotencyKey);
    const prepared = await this.prepare(body, extras.kind ?? requestKindOf(body), extras.baseUrl);
    const run: NewRun = {
      ...prepared,
      parent: extras.parent,
      options: extras.options,
      webhook: extras.webhook,
      source: extras.source,
    };
    const claim = key === undefined ? undefined : claimFor(key, requestOf(prepared), run);
    const [record] = await this.startAll([run], extras.caller, claim);
    return record;
  }

  /**
   * A request made into a run's input, every default applied and the seed concrete. For an edit,
   * each image is read and checked (refused with a 4xx naming its field); without an aspect ratio
   * the output keeps the (first) input's shape, recorded as the nearest of the nine ratios.
   * Nothing is stored. `prefix` goes before the field a refusal names (a sweep's "base").
   */
  async prepare(body: unknown, kind: RequestKind, baseUrl?: string, prefix = ""): Promise<PreparedRun> {
    try {
      if (kind === "text") {
        const { seed, ...input } = parseOrThrow(predictionRequestSchema, body);
        return { input: { ...input, seed: resolveSeed(seed) }, seedRequested: seed ?? null };
      }
      const request = kind === "edit" ? parseOrThrow(editRequestSchema, body) : parseOrThrow(multiRequestSchema, body);
      const refs = "image" in request ? [request.image] : request.images;
      const images = await this.deps.editImages.read(refs, (index) => (kind === "edit" ? "image" : `images.${index}`), baseUrl);
      const described = images.map(({ data: _data, ...image }): InputImage => image);
      const { prompt, aspect_ratio, seed, guidance_scale, safety_tolerance } = request;
      return {
        input: {
          prompt,
          aspect_ratio: aspect_ratio ?? nearestAspectRatio(images[0].width, images[0].height),
          num_images: 1,
          seed: resolveSeed(seed),
          guidance_scale,
          safety_tolerance,
          edit: { kind, matchInput: aspect_ratio === undefined, images: described },
        },
        seedRequested: seed ?? null,
        images,
      };
    } catch (error) {
      if (!prefix || !isAppError(error)) throw error;
      const field = error.field ? `${prefix}.${error.field}` : prefix;
      throw new AppError(error.code, error.message, field, error.extras);
    }
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
      for (const run of runs) outcomes.push(await this.create(run, claim));
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
    return records;
  }

  /** Today's spend against the daily budget; null when there is none. */
  async budgetToday(): Promise<BudgetView | null> {
    return (await this.deps.limits?.budgetToday()) ?? null;
  }

  /** An edit's pictures are stored first, and stay pinned until the row that names them is written. */
  private async create(run: NewRun, claim: IdempotencyClaim | undefined): Promise<ClaimOutcome> {
    const prediction = await this.toNewPrediction(run);
    if (!run.images?.length) return this.store(prediction, claim);
    try {
      return await this.deps.inputs.keep(run.images, () => this.store(prediction, claim));
    } catch (error) {
      throw isAppError(error) ? error : this.deps.storage.toAppError(error);
    }
  }

  private async toNewPrediction(run: NewRun): Promise<NewPrediction> {
    const id = newPredictionId();
    const provenance = await lineageFor(this.deps.repo, id, run);
    return {
      id,
      engine: this.deps.engine.name,
      model: this.deps.engine.modelFor(run.input),
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
      source: run.source ?? null,
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
    return record;
  }

  /** Where a run came from (root first), what was made from it, and the rest of its thread. */
  family(run: Pick<PredictionRecord, "id" | "threadId">): Promise<Family> {
    return familyOf(this.deps.repo, run);
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

  /** A queued run's place in line (1 next); null once it has started, or when this instance does not hold it. */
  queuePosition(id: string): number | null {
    return this.deps.tracker.queuePosition(id) ?? null;
  }

  find(id: string): Promise<PredictionRecord | undefined> {
    return this.deps.repo.get(id);
  }

  /** A run's status and last change, or undefined when there is none: cheaper than `find`. */
  findState(id: string): Promise<Pick<PredictionRecord, "status" | "updatedAt"> | undefined> {
    return this.deps.repo.getState(id);
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
    const sweepIds = query.collapseSweeps ? [...new Set(page.items.flatMap((item) => (item.sweep ? [item.sweep.id] : [])))] : [];
    const cells = await Promise.all(sweepIds.map((id) => this.deps.repo.sweepCells(id)));
    const sweeps = Object.fromEntries(sweepIds.map((id, at) => [id, cells[at]!]));
    return { ...page, totals: { images, costUsd: costUsd("wavespeed", images.wavespeed) }, threadSizes, sweeps };
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
    // Its parent's page lists it as a child (its children's pages catch up within a minute).
    await this.deps.events.publish({ type: "deleted", id, parentId: record.lineage?.parentId ?? undefined });
    await this.removeFiles(id);
    // Its input pictures go too, unless another run or a live upload still uses them.
    await this.deps.inputs
      .release(record.input.edit?.images.map((image) => image.sha256) ?? [])
      .catch((error) => log.warn("could not release the input images of a deleted prediction", { id, error: String(error) }));
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

  /**
   * A small WebP of one output, rendered on first use. `width`: one of the sizes a page may ask for
   * (the route checks it); the cache's own when not given.
   */
  async readThumbnail(id: string, index: number, width?: number): Promise<Buffer> {
    const { output } = await this.findOutput(id, index);
    const key = width === undefined ? `${id}/${index}.webp` : `${id}/${index}.w${width}.webp`;
    const load = async () => {
      const bytes = await readBlob(this.deps.blobs, output.file);
      if (!bytes) throw missingFile(index);
      return bytes;
    };
    return this.deps.thumbnails.get(key, load, width);
  }

  /** One input picture of an edit, by its hash, as a stream. */
  async openInput(sha256: string) {
    const found = await this.deps.inputs.open(sha256);
    if (!found) throw new AppError("not_found", `No input image ${sha256}.`, "file");
    return found;
  }

  /** A small WebP of one input picture, rendered on first use. */
  async readInputThumbnail(sha256: string): Promise<Buffer> {
    const thumbnail = await this.deps.inputs.thumbnail(sha256);
    if (!thumbnail) throw new AppError("not_found", `No input image ${sha256}.`, "file");
    return thumbnail;
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

  /** A graceful stop: gives this instance's runs up, for another instance to take over at once. */
  async releaseClaims(): Promise<void> {
    clearInterval(this.maintenance);
    await this.deps.tracker.releaseClaims();
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

/** What an idempotency key's fingerprint covers: the request as asked, an edit's pictures by their hashes. */
function requestOf({ input, seedRequested }: PreparedRun) {
  const { edit, ...fields } = input;
  return {
    ...fields,
    aspect_ratio: edit?.matchInput ? null : fields.aspect_ratio,
    seed: seedRequested ?? undefined,
    edit: edit && { kind: edit.kind, images: edit.images.map((image) => image.sha256) },
  };
}

const missingFile = (index: number) => new AppError("not_found", `The file of output ${index} is missing.`, "index");
