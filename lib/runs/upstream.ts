import "server-only";
import type { EarlyDeliveryStore } from "../db/early-delivery-store";
import { canMove, isTerminal, type ModelName, type PredictionRecord } from "../domain";
import type { Engine, EngineImage, EngineState, ImagesOf } from "../engines/types";
import { UpstreamError } from "../engines/types";
import type { InputImages } from "../inputs/input-images";
import { nextTry, type RetryPolicy, sleep } from "../retry";
import type { Completion } from "./completion";
import { type DurationEstimate, nextPollDelay, type PollSchedule } from "./poll-schedule";
import type { RunTask } from "./run-task";
import { describeFailure, failureOf, type RunWriteDeps, saveRun } from "./run-writes";

/** Hears whether the upstream took the key (the KeyGate decides what that means for new submits). */
export type KeyReports = { keyAccepted(): void; keyRejected(): void };

export type UpstreamConfig = {
  deadlineMs: number;
  schedule: PollSchedule;
  retry: RetryPolicy;
  /** Public URL of our webhook endpoint, when webhooks are on. */
  webhookUrl?: string;
};

type Deps = RunWriteDeps & {
  engine: Engine;
  early: EarlyDeliveryStore;
  completion: Completion;
  estimate: DurationEstimate;
  keyGate?: KeyReports;
  inputs?: InputImages;
  isStopped: () => boolean;
};

/**
 * A run's time with the upstream: the submit (once; again only where lib/retry.ts says nothing was
 * created), then polls on a schedule fitted to the expected duration, or a webhook, until the
 * upstream reports the end, which goes to the completion.
 */
export class Upstream {
  constructor(
    private readonly deps: Deps,
    private readonly config: UpstreamConfig,
  ) {}

  /**
   * Sends the task; undefined when it ended or was stopped instead. The `submitting` write is the
   * point of no return: it lands only while the run is unfinished (not cancelled) and, with several
   * instances, still this instance's, so no run is ever sent twice.
   */
  async submit(task: RunTask, record: PredictionRecord): Promise<PredictionRecord | undefined> {
    const { id } = record;
    const startedAt = Date.now();
    for (let attempt = 1; !this.deps.isStopped(); attempt++) {
      if (!task.move("submitting")) return undefined;
      if ((await saveRun(this.deps, id, { submitState: "submitting" })) !== "updated") return undefined;
      try {
        const { upstreamId } = await this.deps.engine.submit(record.input, {
          predictionId: id,
          webhookUrl: this.config.webhookUrl,
          images: this.imagesOf(record),
        });
        this.deps.keyGate?.keyAccepted();
        // Polling needs only the id and the input, which we already hold: no read back.
        if ((await saveRun(this.deps, id, { upstreamId, submitState: "submitted" })) !== "updated") return undefined;
        if (!task.move("upstream")) return undefined;
        const delivered = await this.deps.early.take(upstreamId);
        if (delivered) await this.apply(task, await this.withTaskCode(upstreamId, record.input, delivered));
        return { ...record, upstreamId, submitState: "submitted" };
      } catch (error) {
        this.reportKey(error);
        const left = this.config.deadlineMs - (Date.now() - startedAt);
        const delay = nextTry("submit", failureOf(error), attempt, this.config.retry, left);
        if (delay === undefined) {
          await this.deps.completion.fail(id, describeFailure(this.deps.storage, error));
          return undefined;
        }
        // Nothing was created upstream: safe to send again, keeping its place.
        await saveRun(this.deps, id, { submitState: "pending" });
        if (!task.move("waiting")) return undefined;
        await sleep(delay);
      }
    }
    return undefined;
  }

  /** Polls until the run ends here; with `firstDelayMs` 0 (resumed, taken over) it looks at once. */
  async poll(task: RunTask, record: PredictionRecord, firstDelayMs?: number): Promise<void> {
    const { id, input } = record;
    const upstreamId = record.upstreamId!;
    const images = this.imagesOf(record);
    const startedAt = Date.now();
    let failures = 0;
    // Each model's own expected length: [max] takes longer than [pro], ultra-fast less.
    const expectedMs = () => this.deps.estimate.expectedFor(input.model);
    let delay = firstDelayMs ?? nextPollDelay(0, expectedMs(), this.config.schedule);
    while (!this.deps.isStopped() && task.status === "upstream") {
      await sleep(delay);
      const elapsed = Date.now() - startedAt;
      if (task.status !== "upstream" || (await this.hasEnded(id))) return;
      if (elapsed > this.config.deadlineMs) {
        const seconds = Math.round(this.config.deadlineMs / 1000);
        return this.deps.completion.fail(id, `The task did not finish within ${seconds} s, so it was given up.`);
      }
      try {
        // A webhook for this run may have come before it was sent, or reached another instance.
        const pushed = await this.deps.early.take(upstreamId);
        const measured = { elapsedMs: elapsed, model: input.model };
        if (pushed && (await this.apply(task, await this.withTaskCode(upstreamId, input, pushed), measured))) return;
        const state = await this.deps.engine.getState(upstreamId, input, images);
        this.deps.keyGate?.keyAccepted();
        failures = 0;
        if (await this.apply(task, state, measured)) return;
        delay = nextPollDelay(Date.now() - startedAt, expectedMs(), this.config.schedule);
      } catch (error) {
        this.reportKey(error);
        const retryIn = nextTry("poll", failureOf(error), ++failures, this.config.retry);
        if (retryIn === undefined) return this.deps.completion.fail(id, describeFailure(this.deps.storage, error));
        delay = retryIn;
      }
    }
  }

  /** Applies what the upstream says (a poll or a webhook); true once the run has ended here. */
  async apply(task: RunTask, state: EngineState, measured?: { elapsedMs: number; model: ModelName }): Promise<boolean> {
    const status = await this.deps.repo.getStatus(task.id);
    if (!status || isTerminal(status)) return true;
    if (state.status === "completed" || state.status === "failed") {
      // Finished upstream: its place there is free, whatever mirroring still takes.
      if (!task.move("finishing") && task.status !== "finishing") return true;
      if (state.status === "failed")
        await this.deps.completion.fail(task.id, state.error || "The task failed upstream without a reason.");
      else {
        if (measured) this.deps.estimate.observe(measured.elapsedMs, measured.model);
        await this.deps.completion.complete(task, state);
      }
      return true;
    }
    // An upstream that reports an earlier status than ours (a lagging replica) changes nothing.
    if (state.status !== status && canMove(status, state.status)) await saveRun(this.deps, task.id, { status: state.status });
    return false;
  }

  /**
   * A webhook's bare task object carries no task code, which a failure should show: one poll
   * fetches the failure with it. Should that poll fail, the pushed words stand.
   */
  async withTaskCode(upstreamId: string, input: PredictionRecord["input"], pushed: EngineState): Promise<EngineState> {
    if (pushed.status !== "failed") return pushed;
    try {
      const polled = await this.deps.engine.getState(upstreamId, input);
      return polled.status === "failed" ? polled : pushed;
    } catch {
      return pushed;
    }
  }

  private async hasEnded(id: string): Promise<boolean> {
    const status = await this.deps.repo.getStatus(id);
    return !status || isTerminal(status);
  }

  private reportKey(error: unknown): void {
    if (error instanceof UpstreamError && error.kind === "auth") this.deps.keyGate?.keyRejected();
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
}
