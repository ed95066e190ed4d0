import "server-only";
import type { ClaimOutcome, IdempotencyClaim, PredictionRepo } from "../db/prediction-repo";
import { type HistoryQuery, isTerminal, MAX_NOTE_CHARS, type PredictionRecord } from "../domain";
import type { Engine, WebhookInbox } from "../engines/types";
import { AppError } from "../errors";
import type { EventBus, EventListener } from "../events/event-bus";
import type { EditImages } from "../inputs/edit-images";
import type { InputImages } from "../inputs/input-images";
import { log } from "../log";
import type { createProcessMetrics } from "../metrics";
import type { BudgetView, EngineSummary } from "../playground-api";
import type { Tracker } from "../runs/tracker";
import type { StorageGuard } from "../storage/storage-guard";
import type { WebhookSender } from "../webhooks/sender";
import { claimForRun, IDEMPOTENCY_TTL_MS, keyReused, readIdempotencyKey } from "./admission/idempotency";
import type { KeyGate } from "./admission/key-gate";
import { storeRun } from "./admission/store-run";
import type { SubmitLimits } from "./admission/submit-limits";
import type { PredictionFiles } from "./files";
import { familyOf } from "./lineage";
import { prepareRun } from "./prepare";
import { type Settled, waitUntilSettled } from "./served/settle";
import type { Annotation, Family, History, NewRun, PreparedRun, RunRequest, SubmitExtras } from "./types";
import type { StrayObjects } from "./upkeep/strays";

export type PredictionServiceDeps = {
  repo: PredictionRepo;
  files: PredictionFiles;
  engine: Engine;
  events: EventBus;
  tracker: Tracker;
  /** Storage errors as the person sees them, and the disk reserve that lets deletes work on a full disk. */
  storage: StorageGuard;
  /** Objects of every store whose run, sweep or picture is gone. */
  strays: StrayObjects;
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

/**
 * The playground's predictions, and the only thing routes and pages touch: admit and store runs,
 * hand them to the tracker, read them back, annotate and delete them, stream their changes. The
 * files of runs are `files`.
 */
export class PredictionService {
  /** Submits are admitted one at a time, so the queue and budget checks count every earlier submit. */
  private admitting: Promise<unknown> = Promise.resolve();
  private maintenance?: NodeJS.Timeout;

  constructor(private readonly deps: PredictionServiceDeps) {}

  /** Originals, downloads, thumbnails and input pictures, as the image routes serve them. */
  get files(): PredictionFiles {
    return this.deps.files;
  }

  /**
   * Gets a server going: removes what a crash or a full disk left behind, takes the disk reserve,
   * resumes unfinished predictions, then runs maintenance every `maintenanceMs` (reconcile, stray
   * objects, reserve, expired idempotency keys).
   */
  async start({ maintenanceMs }: { maintenanceMs: number }): Promise<{ resumed: number; strays: number }> {
    const strays = await this.deps.strays.atStart();
    await this.deps.storage.refill().catch((error) => log.warn("could not take the disk reserve", { error: String(error) }));
    const resumed = await this.deps.tracker.resume();
    this.maintenance = setInterval(() => void this.maintain(), maintenanceMs);
    this.maintenance.unref();
    return { resumed, strays };
  }

  /** One round of maintenance; also what a test calls instead of waiting for the timer. */
  async maintain(): Promise<void> {
    try {
      await this.deps.tracker.reconcile();
      await this.deps.strays.sweep();
      await this.deps.storage.refill();
      await this.deps.repo.forgetIdempotencyKeys(new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString());
    } catch (error) {
      log.warn("maintenance did not finish; it runs again shortly", { error: String(error) });
    }
  }

  /**
   * Starts a parsed request (text-to-image, an edit, or multi). With an `Idempotency-Key`, a request
   * already made with that key within 24 h gets its prediction back, before any limit is checked, and
   * starts nothing; the same key with another request is refused.
   */
  async submit(request: RunRequest, extras: SubmitExtras = {}): Promise<PredictionRecord> {
    const key = readIdempotencyKey(extras.idempotencyKey);
    const prepared = await this.prepare(request, extras.baseUrl);
    const { parent, options, webhook, source } = extras;
    const run: NewRun = { ...prepared, parent, options, webhook, source };
    const claim = key === undefined ? undefined : claimForRun(key, prepared, run);
    const [record] = await this.startAll([run], extras.caller, claim);
    return record;
  }

  /** A request made into a run's input (an edit's pictures read and checked); nothing is stored. */
  prepare(request: RunRequest, baseUrl?: string, prefix = ""): Promise<PreparedRun> {
    return prepareRun(this.deps.editImages, request, baseUrl, prefix);
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
    const admitted = this.admitting.then(async (): Promise<ClaimOutcome[]> => {
      // A resend of a submit already made starts nothing, so no limit stands in its way.
      const earlier = claim && (await this.deps.repo.findClaim(claim));
      if (earlier) return [earlier];
      await this.deps.limits?.admit(
        caller,
        runs.map((run) => run.input),
      );
      const outcomes: ClaimOutcome[] = [];
      for (const run of runs) outcomes.push(await storeRun(this.deps, run, claim));
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
      await this.deps.tracker.enqueue(record.id);
    }
    return records;
  }

  /** Today's spend against the daily budget; null when there is none. */
  async budgetToday(): Promise<BudgetView | null> {
    return (await this.deps.limits?.budgetToday()) ?? null;
  }

  /**
   * Fails the runs among `ids` that no instance has begun to send, with `reason`, so none of them is
   * sent; runs already handed to the engine go on and finish. Returns the ids it failed.
   */
  dropUnsent(ids: string[], reason: string): Promise<string[]> {
    return this.deps.tracker.cancelUnsent(ids, reason);
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

  /** A waiting run's place in the line every instance shares (1 next); null once it has been taken to be sent. */
  async queuePosition(id: string): Promise<number | null> {
    return (await this.deps.tracker.queuePosition(id)) ?? null;
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
    const [page, spent] = await Promise.all([this.deps.repo.list(query), this.deps.repo.imageTotals()]);
    const threadSizes = await this.deps.repo.threadSizes(page.items.map((item) => item.threadId));
    const sweepIds = query.collapseSweeps ? [...new Set(page.items.flatMap((item) => (item.sweep ? [item.sweep.id] : [])))] : [];
    const cells = await Promise.all(sweepIds.map((id) => this.deps.repo.sweepCells(id)));
    const sweeps = Object.fromEntries(sweepIds.map((id, at) => [id, cells[at]!]));
    return { ...page, totals: { images: spent.images, costUsd: spent.usd }, threadSizes, sweeps };
  }

  /**
   * Removes a prediction and its images; one still running is stopped first (on whichever instance
   * works on it: the tracker there hears the deletion). Files go before the row, as on a full disk the
   * row's delete needs the room they free; they are removed again after it, so a mirror or thumbnail
   * that wrote in between leaves nothing either. Delete is final.
   */
  async delete(id: string): Promise<void> {
    const record = await this.get(id);
    if (!isTerminal(record.status)) this.deps.tracker.cancel(id);
    await this.deps.files.remove(id);
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
    await this.deps.files.remove(id);
    // Its input pictures go too, unless another run or a live upload still uses them.
    await this.deps.inputs
      .release(record.input.edit?.images.map((image) => image.sha256) ?? [])
      .catch((error) => log.warn("could not release the input images of a deleted prediction", { id, error: String(error) }));
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
    return { engine: name, model };
  }

  /** Liveness and load, for monitors and the benchmarks; `reset` starts a new event-loop window. */
  async health({ reset = false } = {}) {
    return {
      ok: true,
      engine: this.deps.engine.name,
      ...(await this.deps.tracker.figures()),
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
