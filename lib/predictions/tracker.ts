import "server-only";
import { isTerminal } from "../contract";
import type { PredictionPatch, PredictionRecord, PredictionStore, StoredOutput } from "../db/queries";
import type { Engine, EngineOutput, EngineState } from "../engines/types";
import { UpstreamError } from "../engines/types";
import { log } from "../log";
import type { DiskStorage } from "../storage/disk";
import { backoffDelay, sleep } from "./backoff";
import type { PredictionEvents } from "./events";
import { MirrorError, mirrorOutput, type MirrorLimits } from "./mirror";
import { DurationEstimate, nextPollDelay, type PollSchedule } from "./poll-schedule";

export type TrackerConfig = {
  /** Tasks allowed upstream at once; the rest wait, in order, as `created`. */
  maxConcurrency: number;
  /** Longest a task may run upstream before it is failed. */
  deadlineMs: number;
  schedule: PollSchedule;
  /** First guess of a task's duration, refined as tasks finish. */
  expectedDurationMs: number;
  /** Backoff after a failed poll or download. */
  retry: { baseMs: number; capMs: number };
  /** Failed polls in a row that are tolerated before the task is failed. */
  maxPollFailures: number;
  mirrorAttempts: number;
  mirrorLimits: MirrorLimits;
  /** Public URL of our webhook endpoint, when webhooks are on. */
  webhookUrl?: string;
};

type Deps = { store: PredictionStore; storage: DiskStorage; engine: Engine; events: PredictionEvents };

/** How long a webhook that beat its submit's answer is kept for that submit, and how many at most. */
const EARLY_DELIVERY_MS = 60_000;
const EARLY_DELIVERY_MAX = 256;

/**
 * Drives every prediction to a terminal state: submits in order within the
 * concurrency limit, polls only while something is unfinished, mirrors the
 * outputs before anyone hears "completed", and resumes after a restart.
 */
export class Tracker {
  private readonly queue: string[] = [];
  private readonly active = new Set<string>();
  private readonly finishing = new Map<string, Promise<void>>();
  private readonly cancelled = new Set<string>();
  /** Webhook deliveries for upstream ids not stored yet, by upstream id; their submit picks them up. */
  private readonly early = new Map<string, { state: EngineState; receivedAt: number }>();
  /** Submits sent upstream whose answer (and so upstream id) has not come back yet. */
  private submitsAwaitingAnswer = 0;
  private readonly estimate: DurationEstimate;
  private stopped = false;
  private pumpScheduled = false;

  constructor(
    private readonly deps: Deps,
    private readonly config: TrackerConfig,
  ) {
    this.estimate = new DurationEstimate(config.expectedDurationMs);
  }

  get inFlight(): number {
    return this.active.size;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Queues a prediction; it starts on the next turn of the event loop, so a submit request
   * answers before the upstream submit is even prepared.
   */
  enqueue(id: string): void {
    this.queue.push(id);
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Picks up what a previous process left unfinished. */
  resume(): number {
    const unfinished = this.deps.store.listUnfinished();
    for (const record of unfinished) {
      if (record.submitState === "submitted") this.start(record.id);
      else if (record.submitState === "submitting" && this.deps.engine.name !== "local") {
        this.fail(
          record.id,
          "The server restarted while this task was being submitted, so whether WaveSpeed accepted it is unknown; it was not sent again.",
        );
      } else this.enqueue(record.id);
    }
    return unfinished.length;
  }

  /** Stops tracking a prediction (it is being deleted). */
  cancel(id: string): void {
    this.cancelled.add(id);
    const queued = this.queue.indexOf(id);
    if (queued >= 0) this.queue.splice(queued, 1);
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  /**
   * Applies a state pushed by the upstream (webhook). "held" when the task is not known yet but a
   * submit still awaits its answer: a fast task's webhook can beat it. False when it is not ours.
   */
  async notify(upstreamId: string, state: EngineState): Promise<"applied" | "held" | false> {
    const record = this.deps.store.findByUpstreamId(upstreamId);
    if (record) {
      await this.apply(record.id, await this.withTaskCode(upstreamId, record.input, state));
      return "applied";
    }
    if (this.submitsAwaitingAnswer === 0) return false;
    this.holdEarly(upstreamId, state);
    return "held";
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.config.maxConcurrency && this.queue.length > 0) {
      this.start(this.queue.shift()!);
    }
  }

  private start(id: string): void {
    this.active.add(id);
    void this.run(id)
      .catch((error) => {
        log.error("tracker crashed on a prediction", { id, error: String(error) });
        this.fail(id, "Internal error while tracking this prediction.");
      })
      .finally(() => {
        this.active.delete(id);
        this.cancelled.delete(id);
        this.pump();
      });
  }

  private async run(id: string): Promise<void> {
    let record = this.deps.store.get(id);
    if (!record || isTerminal(record.status) || this.cancelled.has(id)) return;
    if (record.submitState !== "submitted" || !record.upstreamId) {
      record = await this.submit(record);
      if (!record) return;
    }
    await this.poll(record);
  }

  /** Submits once; over the rate limit it waits (keeping its place) and tries again until the deadline. */
  private async submit(record: PredictionRecord): Promise<PredictionRecord | undefined> {
    const { id } = record;
    const startedAt = Date.now();
    for (let attempt = 1; !this.stopped && !this.cancelled.has(id); attempt++) {
      this.save(id, { submitState: "submitting" });
      try {
        this.submitsAwaitingAnswer++;
        const { upstreamId } = await this.deps.engine
          .submit(record.input, { predictionId: id, webhookUrl: this.config.webhookUrl })
          .finally(() => this.submitsAwaitingAnswer--);
        // Polling needs only the id and the input, which we already hold: no read back.
        if (!this.save(id, { upstreamId, submitState: "submitted" })) return undefined;
        const delivered = this.takeEarly(upstreamId);
        if (delivered) await this.apply(id, await this.withTaskCode(upstreamId, record.input, delivered));
        return { ...record, upstreamId, submitState: "submitted" };
      } catch (error) {
        const limited = error instanceof UpstreamError && error.kind === "rate_limited";
        if (!limited || Date.now() - startedAt > this.config.deadlineMs) {
          this.fail(id, describeFailure(error));
          return undefined;
        }
        // Nothing was created upstream: safe to send again once the limit allows.
        this.save(id, { submitState: "pending" });
        await sleep(Math.max(error.details.retryAfterMs ?? 0, backoffDelay(attempt, this.config.retry)));
      }
    }
    return undefined;
  }

  private async poll(record: PredictionRecord): Promise<void> {
    const { id, upstreamId, input } = record;
    const startedAt = Date.now();
    let failures = 0;
    let delay = nextPollDelay(0, this.estimate.expectedMs, this.config.schedule);
    while (!this.stopped && !this.cancelled.has(id)) {
      await sleep(delay);
      const elapsed = Date.now() - startedAt;
      if (this.isSettled(id)) return;
      if (elapsed > this.config.deadlineMs) {
        this.fail(id, `The task did not finish within ${Math.round(this.config.deadlineMs / 1000)} s, so it was given up.`);
        return;
      }
      try {
        const state = await this.deps.engine.getState(upstreamId!, input);
        failures = 0;
        if (await this.apply(id, state, elapsed)) return;
        delay = nextPollDelay(Date.now() - startedAt, this.estimate.expectedMs, this.config.schedule);
      } catch (error) {
        const transient = error instanceof UpstreamError && (error.retryable || error.kind === "bad_response");
        if (!transient || ++failures > this.config.maxPollFailures) {
          this.fail(id, describeFailure(error));
          return;
        }
        const retryAfter = error instanceof UpstreamError ? (error.details.retryAfterMs ?? 0) : 0;
        delay = Math.max(retryAfter, backoffDelay(failures, this.config.retry));
      }
    }
  }

  private holdEarly(upstreamId: string, state: EngineState): void {
    const now = Date.now();
    for (const [key, held] of this.early) {
      if (now - held.receivedAt > EARLY_DELIVERY_MS || this.early.size >= EARLY_DELIVERY_MAX) this.early.delete(key);
    }
    this.early.set(upstreamId, { state, receivedAt: now });
  }

  private takeEarly(upstreamId: string): EngineState | undefined {
    const held = this.early.get(upstreamId);
    this.early.delete(upstreamId);
    return held && Date.now() - held.receivedAt <= EARLY_DELIVERY_MS ? held.state : undefined;
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

  /** Returns true once the prediction is terminal. */
  private async apply(id: string, state: EngineState, elapsedMs?: number): Promise<boolean> {
    const status = this.deps.store.status(id);
    if (!status || isTerminal(status)) return true;
    if (state.status === "completed") {
      if (elapsedMs !== undefined) this.estimate.observe(elapsedMs);
      await this.complete(id, state);
      return true;
    }
    if (state.status === "failed") {
      this.fail(id, state.error || "The task failed upstream without a reason.");
      return true;
    }
    if (state.status !== status) this.save(id, { status: state.status });
    return false;
  }

  /** Mirrors every output, then reports completion. Polls and webhooks share one run. */
  private complete(id: string, state: EngineState): Promise<void> {
    const running = this.finishing.get(id);
    if (running) return running;
    const work = this.mirrorAll(id, state.outputs)
      .then((outputs) => {
        if (this.cancelled.has(id)) return;
        const record = this.deps.store.complete(id, outputs, {
          status: "completed",
          error: "",
          inferenceMs: state.inferenceMs,
          completedAt: new Date().toISOString(),
        });
        if (record) this.deps.events.emit({ type: "updated", record });
      })
      .catch((error) => this.fail(id, `The images could not be saved: ${describeFailure(error)}`))
      .finally(() => this.finishing.delete(id));
    this.finishing.set(id, work);
    return work;
  }

  private async mirrorAll(id: string, outputs: EngineOutput[]): Promise<StoredOutput[]> {
    if (outputs.length === 0) throw new MirrorError("the task completed without any output");
    const stored: StoredOutput[] = [];
    for (const [index, output] of outputs.entries()) {
      stored.push(await this.mirrorWithRetry(id, index, output));
    }
    return stored;
  }

  private async mirrorWithRetry(id: string, index: number, output: EngineOutput): Promise<StoredOutput> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await mirrorOutput(output, { storage: this.deps.storage, predictionId: id, index }, this.config.mirrorLimits);
      } catch (error) {
        if (attempt >= this.config.mirrorAttempts) throw error;
        log.warn("mirroring an output failed; retrying", { id, index, attempt, error: String(error) });
        await sleep(backoffDelay(attempt, this.config.retry));
      }
    }
  }

  private isSettled(id: string): boolean {
    const status = this.deps.store.status(id);
    return !status || isTerminal(status) || this.finishing.has(id);
  }

  private fail(id: string, error: string): void {
    const status = this.deps.store.status(id);
    if (!status || isTerminal(status)) return;
    this.save(id, { status: "failed", error, completedAt: new Date().toISOString() });
  }

  /** Writes the patch; false when the prediction is gone. */
  private save(id: string, patch: PredictionPatch): boolean {
    if (!this.deps.store.update(id, patch)) return false;
    // Submit bookkeeping changes nothing a person can see, so only visible changes are read back and announced.
    const visible = Object.keys(patch).some((key) => key !== "submitState" && key !== "upstreamId");
    const record = visible ? this.deps.store.get(id) : undefined;
    if (record) this.deps.events.emit({ type: "updated", record });
    return true;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof UpstreamError || error instanceof MirrorError) return error.message;
  log.error("unexpected failure", { error: String(error) });
  return "Internal error.";
}
