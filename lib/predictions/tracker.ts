import "server-only";
import type { EarlyDeliveryStore } from "../db/early-delivery-store";
import type { PredictionRepo, UpdateOutcome } from "../db/prediction-repo";
import type { WorkClaims } from "../db/work-claims";
import { canMove, isTerminal, type PredictionPatch, type PredictionRecord, type StoredOutput } from "../domain";
import type { Engine, EngineImage, EngineOutput, EngineState, ImagesOf } from "../engines/types";
import { UpstreamError } from "../engines/types";
import type { EventBus } from "../events/event-bus";
import type { InputImages } from "../inputs/input-images";
import { log } from "../log";
import { type Failure, nextTry, type RetryPolicy, sleep } from "../retry";
import type { BlobStore } from "../storage/blob-store";
import { storageProblemOf } from "../storage/storage-errors";
import { FinalWrites } from "./final-writes";
import type { KeyGate } from "./key-gate";
import { MirrorError, type MirrorLimits, mirrorOutput } from "./mirror";
import { DurationEstimate, nextPollDelay, type PollSchedule } from "./poll-schedule";
import type { StorageGuard } from "./storage-guard";

export type TrackerConfig = {
  /** Tasks allowed upstream at once; the rest wait, in order, as `created`. */
  maxConcurrency: number;
  /** Longest a task may run upstream before it is failed. */
  deadlineMs: number;
  schedule: PollSchedule;
  /** First guess of a task's duration, refined as tasks finish. */
  expectedDurationMs: number;
  /** When a failed submit, poll, download or final write is tried again. */
  retry: RetryPolicy;
  mirrorLimits: MirrorLimits;
  /** Public URL of our webhook endpoint, when webhooks are on. */
  webhookUrl?: string;
};

/**
 * `keyGate` hears whether the upstream took the key; it decides what that means for new submits.
 * `claims` says which unfinished runs are this process's to work on (several instances share one
 * database); `early` keeps webhook deliveries the tracker cannot apply yet.
 * `inputs` holds the input images of edits, read when the engine asks for them.
 */
type Deps = {
  repo: PredictionRepo;
  claims: WorkClaims;
  early: EarlyDeliveryStore;
  blobs: BlobStore;
  engine: Engine;
  events: EventBus;
  storage: StorageGuard;
  keyGate?: KeyGate;
  inputs?: InputImages;
};

const RESTARTED_MID_SUBMIT =
  "The server restarted while this task was being submitted, so whether WaveSpeed accepted it is unknown; it was not sent again.";
const LOST_MID_SUBMIT =
  "Tracking this task stopped while it was being submitted, so whether WaveSpeed accepted it is unknown; it was not sent again.";

/** How often an instance looks for runs whose instance stopped renewing its claims: a cheap indexed read. */
const ORPHAN_CHECK_MS = 500;

/** How soon a run waiting for a place that another instance holds looks again. */
const PLACE_RETRY_MS = 250;

/** A delete came while the outputs were being saved: stop, and leave nothing behind. */
class Cancelled extends Error {}

/**
 * Drives every prediction to a terminal state: submits in order within the
 * concurrency limit, polls only while something is unfinished, mirrors the
 * outputs before anyone hears "completed", resumes after a restart, and
 * (reconcile) picks up whatever nothing is working on.
 */
export class Tracker {
  private readonly queue: string[] = [];
  private readonly active = new Set<string>();
  /**
   * The runs holding one of the `maxConcurrency` places upstream: a run gives its place back the
   * moment the upstream reports it finished, before its images are mirrored, so the next task
   * starts while this one's images are still being copied.
   */
  private readonly upstream = new Set<string>();
  private readonly finishing = new Map<string, Promise<void>>();
  private readonly cancelled = new Set<string>();
  private readonly finalWrites: FinalWrites;
  /** Submits sent upstream whose answer (and so upstream id) has not come back yet. */
  private submitsAwaitingAnswer = 0;
  private readonly estimate: DurationEstimate;
  private stopped = false;
  private pumpScheduled = false;
  private reconciling = false;
  private pumping = false;
  private pumpAgain = false;
  private placeRetry?: NodeJS.Timeout;
  private claimKeeping?: NodeJS.Timeout;
  private keeping = false;
  private renewedAt = Date.now();

  constructor(
    private readonly deps: Deps,
    private readonly config: TrackerConfig,
  ) {
    this.estimate = new DurationEstimate(config.expectedDurationMs);
    this.finalWrites = new FinalWrites(deps.storage, config.retry, () => this.stopped);
  }

  /** Tasks holding a place upstream. */
  get inFlight(): number {
    return this.upstream.size;
  }

  /** Where a run waits in this process's queue, 1 first; undefined once it has started (or is not queued here). */
  queuePosition(id: string): number | undefined {
    const at = this.queue.indexOf(id);
    return at < 0 ? undefined : at + 1;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Queues a prediction; it starts on the next turn of the event loop, so a submit request
   * answers before the upstream submit is even prepared. One already tracked is left as it is.
   */
  enqueue(id: string): void {
    if (this.isTracked(id)) return;
    this.queue.push(id);
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /**
   * Picks up what a previous process left unfinished (with several instances: what no live claim
   * holds), then keeps this process's claims alive and takes over those of instances that stopped.
   * Returns how many it picked up.
   */
  async resume(): Promise<number> {
    const picked = await this.takeOrphans(RESTARTED_MID_SUBMIT);
    if (this.deps.claims.renewEveryMs !== undefined && !this.stopped) {
      this.claimKeeping = setInterval(() => void this.keepClaims(), ORPHAN_CHECK_MS);
      this.claimKeeping.unref();
    }
    return picked;
  }

  /**
   * Renews this process's leases when a third of the lease has passed, and takes over runs whose
   * instance stopped renewing: looked for often, so a run waits little longer than the lease.
   */
  private async keepClaims(): Promise<void> {
    if (this.keeping) return;
    this.keeping = true;
    try {
      if (Date.now() - this.renewedAt >= (this.deps.claims.renewEveryMs ?? 0)) {
        await this.deps.claims.renew();
        this.renewedAt = Date.now();
      }
      if (!this.stopped) await this.takeOrphans(LOST_MID_SUBMIT);
    } catch (error) {
      log.warn("could not renew claims; trying again shortly", { error: String(error) });
    } finally {
      this.keeping = false;
    }
  }

  /** Claims the unfinished runs nothing works on and picks each up; returns how many. */
  private async takeOrphans(outcomeUnknown: string): Promise<number> {
    let taken = 0;
    for (const id of await this.deps.claims.claimOrphans()) {
      if (this.stopped) break;
      if (this.isTracked(id)) continue;
      const record = await this.deps.repo.get(id);
      if (!record || isTerminal(record.status)) continue;
      taken++;
      await this.pickUp(record, outcomeUnknown);
    }
    return taken;
  }

  /**
   * Takes up what nothing is working on: final states whose write failed (written again here)
   * and unfinished predictions no run tracks. Returns how many. Called periodically.
   */
  async reconcile(): Promise<number> {
    if (this.stopped || this.reconciling) return 0;
    this.reconciling = true;
    try {
      const rewritten = await this.finalWrites.retryKept();
      return rewritten + (await this.takeOrphans(LOST_MID_SUBMIT));
    } finally {
      this.reconciling = false;
    }
  }

  /** Stops tracking a prediction (it is being deleted); a mirror under way removes what it wrote. */
  cancel(id: string): void {
    this.cancelled.add(id);
    const queued = this.queue.indexOf(id);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.finalWrites.forget(id);
  }

  /**
   * Takes the given predictions out of the queue if they are still waiting there, and says which
   * it took; any already started (sent, or being sent) is left to finish.
   */
  cancelQueued(ids: Iterable<string>): string[] {
    const wanted = new Set(ids);
    const taken = this.queue.filter((id) => wanted.has(id));
    if (taken.length === 0) return [];
    const kept = this.queue.filter((id) => !wanted.has(id));
    this.queue.splice(0, this.queue.length, ...kept);
    return taken;
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    clearInterval(this.claimKeeping);
    clearTimeout(this.placeRetry);
  }

  /** Stops, and gives this process's claims up so another instance takes its runs over at once. */
  async releaseClaims(): Promise<void> {
    this.stop();
    await this.deps.claims.releaseAll();
  }

  /**
   * Applies a state pushed by the upstream (webhook). "held" when the task is not known yet but a
   * submit still awaits its answer: a fast task's webhook can beat it. False when it is not ours.
   */
  async notify(upstreamId: string, state: EngineState): Promise<"applied" | "held" | false> {
    const record = await this.deps.repo.findByUpstreamId(upstreamId);
    if (record && (await this.deps.claims.holds(record.id))) {
      await this.apply(record.id, await this.withTaskCode(upstreamId, record.input, state));
      return "applied";
    }
    // Another instance's run (it polls the table), or one whose submit has not been answered yet.
    if (!record && !this.deps.early.shared && this.submitsAwaitingAnswer === 0) return false;
    await this.deps.early.hold(upstreamId, state);
    return "held";
  }

  private isTracked(id: string): boolean {
    return this.active.has(id) || this.finishing.has(id) || this.finalWrites.has(id) || this.queue.includes(id);
  }

  /** Where an untracked unfinished prediction goes: polled, submitted, or failed if a submit's outcome is unknown. */
  private async pickUp(record: PredictionRecord, outcomeUnknown: string): Promise<void> {
    if (record.submitState === "submitted") this.start(record.id);
    // The local engine renders again from the input; WaveSpeed may have billed a task we cannot see.
    else if (record.submitState === "submitting" && this.deps.engine.name !== "local") await this.fail(record.id, outcomeUnknown);
    else this.enqueue(record.id);
  }

  /** Starts queued runs while places upstream are free: here, and (claims) across every instance. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.fillPlaces()
      .catch((error) => log.warn("could not take a place upstream; trying again shortly", { error: String(error) }))
      .finally(() => {
        this.pumping = false;
        if (!this.pumpAgain) return;
        this.pumpAgain = false;
        this.pump();
      });
  }

  private async fillPlaces(): Promise<void> {
    while (!this.stopped && this.upstream.size < this.config.maxConcurrency && this.queue.length > 0) {
      const id = this.queue[0];
      if (!(await this.deps.claims.takePlace(id, this.config.maxConcurrency))) {
        // Every shared place is taken by some instance: look again shortly.
        clearTimeout(this.placeRetry);
        this.placeRetry = setTimeout(() => this.pump(), PLACE_RETRY_MS);
        return;
      }
      // Taken out of the queue (a cancel) while the place was being taken.
      if (this.queue[0] !== id) continue;
      this.queue.shift();
      this.start(id);
    }
  }

  private start(id: string): void {
    this.active.add(id);
    this.upstream.add(id);
    void this.run(id)
      .catch(async (error) => {
        if (!storageProblemOf(error)) log.error("tracker crashed on a prediction", { id, error: String(error) });
        await this.fail(id, this.deps.storage.describe(error) ?? "Internal error while tracking this prediction.");
      })
      .catch((error) => log.error("could not record a tracker crash", { id, error: String(error) }))
      .finally(() => {
        this.active.delete(id);
        this.upstream.delete(id);
        this.cancelled.delete(id);
        this.pump();
      });
  }

  private async run(id: string): Promise<void> {
    let record = await this.deps.repo.get(id);
    if (!record || isTerminal(record.status) || this.cancelled.has(id)) return;
    // Already upstream (resumed, or taken over from another instance): it may have finished meanwhile, so look at once.
    if (record.submitState === "submitted" && record.upstreamId) return this.poll(record, 0);
    record = await this.submit(record);
    if (record) await this.poll(record);
  }

  /** Sends the task; lib/retry.ts decides whether a failed submit may go again, and when. */
  private async submit(record: PredictionRecord): Promise<PredictionRecord | undefined> {
    const { id } = record;
    const startedAt = Date.now();
    for (let attempt = 1; !this.stopped && !this.cancelled.has(id); attempt++) {
      await this.save(id, { submitState: "submitting" });
      try {
        this.submitsAwaitingAnswer++;
        const { upstreamId } = await this.deps.engine
          .submit(record.input, { predictionId: id, webhookUrl: this.config.webhookUrl, images: this.imagesOf(record) })
          .finally(() => this.submitsAwaitingAnswer--);
        this.deps.keyGate?.keyAccepted();
        // Polling needs only the id and the input, which we already hold: no read back.
        if ((await this.save(id, { upstreamId, submitState: "submitted" })) !== "updated") return undefined;
        const delivered = await this.deps.early.take(upstreamId);
        if (delivered) await this.apply(id, await this.withTaskCode(upstreamId, record.input, delivered));
        return { ...record, upstreamId, submitState: "submitted" };
      } catch (error) {
        this.reportKey(error);
        const delay = nextTry(
          "submit",
          failureOf(error),
          attempt,
          this.config.retry,
          this.config.deadlineMs - (Date.now() - startedAt),
        );
        if (delay === undefined) {
          await this.fail(id, this.describe(error));
          return undefined;
        }
        // Nothing was created upstream: safe to send again, keeping its place.
        await this.save(id, { submitState: "pending" });
        await sleep(delay);
      }
    }
    return undefined;
  }

  /** An edit's input images, read from the store once, when the engine first asks. */
  private imagesOf(record: PredictionRecord): ImagesOf | undefined {
    const images = record.input.edit?.images;
    if (!images) return undefined;
    let read: Promise<EngineImage[]> | undefined;
    return () => {
      read ??= Promise.all(
        images.map(async (image) => {
          const bytes = await this.deps.inputs?.read(image);
          if (!bytes) throw new UpstreamError("rejected", "An input image of this edit is no longer stored on this server");
          return { sha256: image.sha256, contentType: image.contentType, bytes };
        }),
      );
      return read;
    };
  }

  private async poll(record: PredictionRecord, firstDelayMs?: number): Promise<void> {
    const { id, upstreamId, input } = record;
    const images = this.imagesOf(record);
    const startedAt = Date.now();
    let failures = 0;
    let delay = firstDelayMs ?? nextPollDelay(0, this.estimate.expectedMs, this.config.schedule);
    while (!this.stopped && !this.cancelled.has(id)) {
      await sleep(delay);
      const elapsed = Date.now() - startedAt;
      if (await this.isSettled(id)) return;
      if (elapsed > this.config.deadlineMs) {
        await this.fail(id, `The task did not finish within ${Math.round(this.config.deadlineMs / 1000)} s, so it was given up.`);
        return;
      }
      try {
        // With several instances, a webhook for this run may have reached another one.
        const pushed = this.deps.early.shared ? await this.deps.early.take(upstreamId!) : undefined;
        if (pushed && (await this.apply(id, await this.withTaskCode(upstreamId!, input, pushed), elapsed))) return;
        const state = await this.deps.engine.getState(upstreamId!, input, images);
        this.deps.keyGate?.keyAccepted();
        failures = 0;
        if (await this.apply(id, state, elapsed)) return;
        delay = nextPollDelay(Date.now() - startedAt, this.estimate.expectedMs, this.config.schedule);
      } catch (error) {
        this.reportKey(error);
        const retryIn = nextTry("poll", failureOf(error), ++failures, this.config.retry);
        if (retryIn === undefined) {
          await this.fail(id, this.describe(error));
          return;
        }
        delay = retryIn;
      }
    }
  }

  private reportKey(error: unknown): void {
    if (error instanceof UpstreamError && error.kind === "auth") this.deps.keyGate?.keyRejected();
  }

  /**
   * A webhook's bare task object carries no task code, which a failure should show: one poll
   * fetches the failure with it. Should that poll fail, the pushed words stand.
   */
  private async withTaskCode(upstreamId: string, input: PredictionRecord["input"], pushed: EngineState): Promise<EngineState> {
    if (pushed.status !== "failed") return pushed;
    try {
      const polled = await this.deps.engine.getState(upstreamId, input);
      return polled.status === "failed" ? polled : pushed;
    } catch {
      return pushed;
    }
  }

  /** Gives a run's place upstream to the next task in the queue. */
  private releasePlace(id: string): void {
    if (!this.upstream.delete(id)) return;
    void this.deps.claims
      .releasePlace(id)
      .catch((error) => log.warn("could not give a place upstream back; its lease frees it", { id, error: String(error) }))
      .finally(() => this.pump());
  }

  /** Returns true once the prediction is terminal. */
  private async apply(id: string, state: EngineState, elapsedMs?: number): Promise<boolean> {
    const status = await this.deps.repo.getStatus(id);
    if (!status || isTerminal(status)) return true;
    // Finished upstream (a poll or a webhook said so): its place there is free, whatever mirroring still takes.
    if (state.status === "completed" || state.status === "failed") this.releasePlace(id);
    if (state.status === "completed") {
      if (elapsedMs !== undefined) this.estimate.observe(elapsedMs);
      await this.complete(id, state);
      return true;
    }
    if (state.status === "failed") {
      await this.fail(id, state.error || "The task failed upstream without a reason.");
      return true;
    }
    // An upstream that reports an earlier status than ours (a lagging replica) changes nothing.
    if (state.status !== status && canMove(status, state.status)) await this.save(id, { status: state.status });
    return false;
  }

  /**
   * Mirrors every output, then stores completion. Polls and webhooks share one run. Outputs
   * that cannot all be saved are removed, and the prediction fails saying why.
   */
  private complete(id: string, state: EngineState): Promise<void> {
    const running = this.finishing.get(id);
    if (running) return running;
    const work = this.mirrorAll(id, state.outputs)
      .then(
        (outputs) => this.finalWrites.write(id, () => this.storeCompletion(id, outputs, state)),
        async (error) => {
          await this.removeFiles(id);
          if (!(error instanceof Cancelled)) await this.fail(id, this.describe(error, "The images could not be saved: "));
        },
      )
      .finally(() => this.finishing.delete(id));
    this.finishing.set(id, work);
    return work;
  }

  private async storeCompletion(id: string, outputs: StoredOutput[], state: EngineState): Promise<void> {
    if (this.cancelled.has(id)) return this.removeFiles(id);
    const record = await this.deps.repo.complete(id, outputs, {
      error: "",
      inferenceMs: state.inferenceMs,
      completedAt: new Date().toISOString(),
    });
    if (record) return this.deps.events.publish({ type: "updated", record });
    // Deleted meanwhile, or ended another way: the files this run wrote belong to no result.
    if ((await this.deps.repo.getStatus(id)) !== "completed") await this.removeFiles(id);
  }

  private async mirrorAll(id: string, outputs: EngineOutput[]): Promise<StoredOutput[]> {
    if (outputs.length === 0) throw new MirrorError("the task completed without any output");
    const stored: StoredOutput[] = [];
    for (const [index, output] of outputs.entries()) {
      if (this.cancelled.has(id)) throw new Cancelled();
      stored.push(await this.mirrorWithRetry(id, index, output));
    }
    // A delete that came while the last file was written must not leave it behind either.
    if (this.cancelled.has(id)) throw new Cancelled();
    return stored;
  }

  private async mirrorWithRetry(id: string, index: number, output: EngineOutput): Promise<StoredOutput> {
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await mirrorOutput(output, { blobs: this.deps.blobs, predictionId: id, index }, this.config.mirrorLimits);
        // The upstream holds this picture at that URL: an edit of it can be sent without an upload.
        if (output.kind === "url")
          await this.deps.engine
            .knownImage?.(stored.sha256, output.url)
            .catch((error: unknown) => log.warn("could not remember an output's upstream copy", { id, error: String(error) }));
        return stored;
      } catch (error) {
        const delay = nextTry("download", failureOf(error), attempt, this.config.retry);
        if (delay === undefined) throw error;
        log.warn("mirroring an output failed; retrying", { id, index, attempt, error: String(error) });
        await sleep(delay);
      }
    }
  }

  private async removeFiles(id: string): Promise<void> {
    await this.deps.blobs
      .deletePrefix(id)
      .catch((error) => log.warn("could not remove the files of an unfinished prediction", { id, error: String(error) }));
  }

  private async isSettled(id: string): Promise<boolean> {
    const status = await this.deps.repo.getStatus(id);
    return !status || isTerminal(status) || this.finishing.has(id);
  }

  /** Fails the prediction unless it already ended: the store refuses to move a terminal status. */
  private fail(id: string, error: string): Promise<void> {
    const completedAt = new Date().toISOString();
    return this.finalWrites.write(id, async () => void (await this.save(id, { status: "failed", error, completedAt })));
  }

  /** Writes the patch and announces what a person can see of it. */
  private async save(id: string, patch: PredictionPatch): Promise<UpdateOutcome> {
    const outcome = await this.deps.repo.update(id, patch);
    if (outcome !== "updated") return outcome;
    // Submit bookkeeping changes nothing a person can see, so only visible changes are read back and announced.
    const visible = Object.keys(patch).some((key) => key !== "submitState" && key !== "upstreamId");
    const record = visible ? await this.deps.repo.get(id) : undefined;
    if (record) await this.deps.events.publish({ type: "updated", record });
    return outcome;
  }

  /** A failure in words: a full disk says so, whatever was being done; other failures follow `context`. */
  private describe(error: unknown, context = ""): string {
    return this.deps.storage.describe(error) ?? context + describeFailure(error);
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof UpstreamError || error instanceof MirrorError) return error.message;
  log.error("unexpected failure", { error: String(error) });
  return "Internal error.";
}

/** What the retry decision needs to know of a failure. */
function failureOf(error: unknown): Failure {
  if (error instanceof UpstreamError) return { kind: error.kind, retryAfterMs: error.details.retryAfterMs };
  if (storageProblemOf(error)) return { kind: "storage_full" };
  return { kind: "other" };
}
