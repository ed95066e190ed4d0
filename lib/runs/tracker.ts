import "server-only";
import type { EarlyDeliveryStore } from "../db/early-delivery-store";
import type { PredictionRepo } from "../db/prediction-repo";
import type { WorkClaims } from "../db/work-claims";
import { isTerminal, type PredictionRecord } from "../domain";
import type { Engine, EngineState } from "../engines/types";
import type { EventBus } from "../events/event-bus";
import type { InputImages } from "../inputs/input-images";
import { log } from "../log";
import type { BlobStore } from "../storage/blob-store";
import { storageProblemOf } from "../storage/storage-errors";
import type { StorageGuard } from "../storage/storage-guard";
import { ClaimKeeper, LOST_MID_SUBMIT, RESTARTED_MID_SUBMIT, sharedClaims, takeOrphans } from "./claims";
import { Completion } from "./completion";
import type { RunFigures, TrackerConfig } from "./config";
import { DurationEstimate } from "./poll-schedule";
import type { RunQueue } from "./run-queue";
import { RunTask } from "./run-task";
import { serially } from "./serially";
import { type KeyReports, Upstream } from "./upstream";

/**
 * `queue`: the line and the places upstream; `claims`: which unfinished runs are this instance's
 * (several instances share one database); `early`: webhook deliveries not applied yet; `keyGate`
 * hears whether the upstream took the key; `inputs`: an edit's pictures, read when the engine asks.
 */
export type TrackerDeps = {
  repo: PredictionRepo;
  queue: RunQueue;
  claims: WorkClaims;
  early: EarlyDeliveryStore;
  blobs: BlobStore;
  engine: Engine;
  events: EventBus;
  storage: StorageGuard;
  keyGate?: KeyReports;
  inputs?: InputImages;
};

/** How soon an instance looks at a shared line again while runs wait for a place another instance holds. */
const PLACE_RETRY_MS = 250;

/**
 * Drives every run to a terminal state, as the wiring of a few parts: the queue (a line, and places
 * upstream), one `RunTask` per run this instance works on, `Upstream` (submit and polls), `Completion`
 * (mirror, then the final write), and, with several instances, a `ClaimKeeper`. Resumes after a
 * restart, and (reconcile) picks up whatever nothing works on.
 */
export class Tracker {
  private readonly tasks = new Map<string, RunTask>();
  private readonly completion: Completion;
  private readonly upstream: Upstream;
  private readonly keeper?: ClaimKeeper;
  private readonly fill = serially(() => this.fillPlaces());
  private readonly reconcileRound = serially(async () => {
    const picked = (await this.completion.retryKept()) + (await this.takeOrphans(LOST_MID_SUBMIT));
    // Runs another instance took but never sent go back to the line when it stops: look, even if idle.
    void this.fill();
    return picked;
  });
  private readonly unsubscribe: () => void;
  private placeRetry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly deps: TrackerDeps,
    private readonly config: TrackerConfig,
  ) {
    const isStopped = () => this.stopped;
    this.completion = new Completion(deps, config, isStopped);
    const estimate = new DurationEstimate(config.expectedDurationMs);
    this.upstream = new Upstream({ ...deps, completion: this.completion, estimate, isStopped }, config);
    const shared = sharedClaims(deps.claims);
    if (shared) this.keeper = new ClaimKeeper(shared, () => this.takeOrphans(LOST_MID_SUBMIT));
    // A delete on another instance stops this instance's work on the run too.
    this.unsubscribe = deps.events.subscribe((event) => event.type === "deleted" && this.cancel(event.id));
  }

  /** Runs holding a place upstream on this instance. */
  get inFlight(): number {
    return [...this.tasks.values()].filter((task) => task.holdsPlace).length;
  }

  /** This instance's load and the line's length (the cluster's, on a shared line): for health and metrics. */
  async figures(): Promise<RunFigures> {
    const finishing = [...this.tasks.values()].filter((task) => task.status === "finishing").length;
    return { inFlight: this.inFlight, finishing, waiting: await this.deps.queue.waiting() };
  }

  /** Where a run waits in the line, 1 next; undefined once it has been taken to be sent. */
  queuePosition(id: string): Promise<number | undefined> {
    return this.deps.queue.position(id);
  }

  /** Puts a stored run in the line. It is taken on the next turn of the event loop, so a submit answers first. */
  async enqueue(id: string): Promise<void> {
    await this.deps.queue.add(id);
    setImmediate(() => void this.fill());
  }

  /** Picks up what a previous process left (with several instances: what no live claim holds); returns how many. */
  async resume(): Promise<number> {
    const picked = await this.takeOrphans(RESTARTED_MID_SUBMIT);
    if (!this.stopped) this.keeper?.start();
    void this.fill();
    return picked;
  }

  /** Writes the final states that could not be stored, and takes up unfinished runs nothing works on. */
  reconcile(): Promise<number> {
    return this.stopped ? Promise.resolve(0) : this.reconcileRound();
  }

  /** Stops work on a run (it is being deleted): out of the line; a mirror under way removes what it wrote. */
  cancel(id: string): void {
    this.tasks.get(id)?.end();
    this.completion.forget(id);
    void this.deps.queue.remove(id);
  }

  /** Fails the runs among `ids` that no instance has begun to send, and announces them; returns those. */
  async cancelUnsent(ids: string[], reason: string): Promise<string[]> {
    const failed = await this.deps.queue.cancel(ids, reason);
    for (const id of failed) {
      this.tasks.get(id)?.end();
      const record = await this.deps.repo.get(id);
      if (record) await this.deps.events.publish({ type: "updated", record });
    }
    return failed;
  }

  /**
   * Applies a state pushed by the upstream (webhook). "held" when this instance cannot apply it (yet):
   * a fast task's webhook can beat its submit's answer, or reach an instance that does not work on
   * the run; the run's own poll takes it. False when it is nobody's.
   */
  async notify(upstreamId: string, state: EngineState): Promise<"applied" | "held" | false> {
    const record = await this.deps.repo.findByUpstreamId(upstreamId);
    const task = record && this.tasks.get(record.id);
    if (record && task && (await this.deps.claims.holds(record.id))) {
      await this.upstream.apply(task, await this.upstream.withTaskCode(upstreamId, record.input, state));
      return "applied";
    }
    const answersAwaited = [...this.tasks.values()].some((running) => running.status === "submitting");
    if (!record && !this.deps.early.shared && !answersAwaited) return false;
    await this.deps.early.hold(upstreamId, state);
    return "held";
  }

  stop(): void {
    this.stopped = true;
    this.keeper?.stop();
    this.unsubscribe();
    clearTimeout(this.placeRetry);
  }

  /** Stops, and gives this instance's claims up so another instance takes its runs over at once. */
  async releaseClaims(): Promise<void> {
    this.stop();
    await this.deps.claims.releaseAll();
  }

  /** Takes runs from the line while places are free. */
  private async fillPlaces(): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.placeRetry);
    try {
      const { taken, waiting } = await this.deps.queue.take(this.config.maxConcurrency);
      for (const id of taken) this.startTask(id, "waiting");
      // Another instance frees its places without a word to this one: look again shortly while runs wait.
      if (waiting > 0 && this.deps.queue.shared) this.retryFillSoon();
    } catch (error) {
      log.warn("could not take a place upstream; trying again shortly", { error: String(error) });
      this.retryFillSoon();
    }
  }

  private retryFillSoon(): void {
    if (this.stopped) return;
    clearTimeout(this.placeRetry);
    this.placeRetry = setTimeout(() => void this.fill(), PLACE_RETRY_MS);
  }

  private startTask(id: string, status: "waiting" | "upstream"): void {
    const task = new RunTask(id, status, (freed) => this.releasePlace(freed));
    this.tasks.set(id, task);
    void this.drive(task)
      .catch(async (error) => {
        if (!storageProblemOf(error)) log.error("tracker crashed on a prediction", { id, error: String(error) });
        await this.completion.fail(id, this.deps.storage.describe(error) ?? "Internal error while tracking this prediction.");
      })
      .catch((error) => log.error("could not record a tracker crash", { id, error: String(error) }))
      .finally(() => {
        task.end();
        if (this.tasks.get(id) === task) this.tasks.delete(id);
      });
  }

  private async drive(task: RunTask): Promise<void> {
    const record = await this.deps.repo.get(task.id);
    if (!record || isTerminal(record.status) || task.isDone) return;
    // Already upstream (resumed, or taken over from another instance): it may have finished meanwhile, so look at once.
    if (task.status === "upstream") await this.upstream.poll(task, record, 0);
    else {
      const sent = await this.upstream.submit(task, record);
      if (sent) await this.upstream.poll(task, sent);
    }
    // A webhook may have begun the completion while a poll waited: the task ends with it.
    await task.finishing;
  }

  /** Gives a run's place upstream to the next run in the line. */
  private releasePlace(id: string): void {
    void this.deps.queue
      .release(id)
      .catch((error) => log.warn("could not give a place upstream back; its lease frees it", { id, error: String(error) }))
      .finally(() => void this.fill());
  }

  /** Claims the unfinished runs nothing works on and picks each up; returns how many. */
  private takeOrphans(outcomeUnknown: string): Promise<number> {
    const isTracked = async (id: string) =>
      this.tasks.has(id) || this.completion.has(id) || (await this.deps.queue.position(id)) !== undefined;
    return takeOrphans(this.deps, {
      isTracked,
      pickUp: (record) => this.pickUp(record, outcomeUnknown),
      isStopped: () => this.stopped,
    });
  }

  /** Where an untracked unfinished run goes: polled, back in the line, or failed if a submit's outcome is unknown. */
  private async pickUp(record: PredictionRecord, outcomeUnknown: string): Promise<void> {
    if (record.submitState === "submitted" && record.upstreamId) {
      await this.deps.queue.occupy(record.id);
      this.startTask(record.id, "upstream");
      // The local engine renders again from the input; WaveSpeed may have billed a task we cannot see.
    } else if (record.submitState === "submitting" && this.deps.engine.name !== "local") {
      await this.completion.fail(record.id, outcomeUnknown);
    } else await this.enqueue(record.id);
  }
}
