import "server-only";
import type { StoredOutput } from "../domain";
import type { Engine, EngineOutput, EngineState } from "../engines/types";
import { log } from "../log";
import { nextTry, type RetryPolicy, sleep } from "../retry";
import type { BlobStore } from "../storage/blob-store";
import { FinalWrites } from "./final-writes";
import { MirrorError, type MirrorLimits, mirrorOutput } from "./mirror";
import type { RunTask } from "./run-task";
import { describeFailure, failureOf, type RunWriteDeps, saveRun } from "./run-writes";

type Deps = RunWriteDeps & { blobs: BlobStore; engine: Engine };
type Config = { retry: RetryPolicy; mirrorLimits: MirrorLimits };

/** The run was stopped (a delete, here or on another instance) while its outputs were being saved. */
class Stopped extends Error {}

/**
 * The end of a run. On `completed` every output is mirrored into the store before anyone hears
 * "completed", then outputs and status are stored together; a failure is stored as one. A final
 * write that cannot land is kept (FinalWrites) for the periodic reconcile. A run stopped meanwhile
 * leaves no file behind, whichever step it was at.
 */
export class Completion {
  private readonly finalWrites: FinalWrites;

  constructor(
    private readonly deps: Deps,
    private readonly config: Config,
    isStopped: () => boolean,
  ) {
    this.finalWrites = new FinalWrites(deps.storage, config.retry, isStopped);
  }

  /** Whether a final write of this run waits for another try. */
  has(id: string): boolean {
    return this.finalWrites.has(id);
  }

  /** Drops a kept final write (its run is being deleted). */
  forget(id: string): void {
    this.finalWrites.forget(id);
  }

  /** Tries every kept final write again; returns how many there were. */
  retryKept(): Promise<number> {
    return this.finalWrites.retryKept();
  }

  /** Mirrors every output, then stores completion: once per task, however many polls and webhooks say so. */
  complete(task: RunTask, state: EngineState): Promise<void> {
    task.finishing ??= this.mirrorAll(task, state.outputs).then(
      (outputs) => this.finalWrites.write(task.id, () => this.store(task, outputs, state)),
      async (error) => {
        await this.removeFiles(task.id);
        if (!(error instanceof Stopped))
          await this.fail(task.id, describeFailure(this.deps.storage, error, "The images could not be saved: "));
      },
    );
    return task.finishing;
  }

  /** Fails the run unless it already ended: the store refuses to move a terminal status. */
  fail(id: string, error: string): Promise<void> {
    const completedAt = new Date().toISOString();
    return this.finalWrites.write(id, async () => void (await saveRun(this.deps, id, { status: "failed", error, completedAt })));
  }

  private async store(task: RunTask, outputs: StoredOutput[], state: EngineState): Promise<void> {
    if (task.isDone) return this.removeFiles(task.id);
    const completedAt = new Date().toISOString();
    const record = await this.deps.repo.complete(task.id, outputs, { error: "", inferenceMs: state.inferenceMs, completedAt });
    if (record) return this.deps.events.publish({ type: "updated", record });
    // Deleted meanwhile, or ended another way: the files this run wrote belong to no result.
    if ((await this.deps.repo.getStatus(task.id)) !== "completed") await this.removeFiles(task.id);
  }

  private async mirrorAll(task: RunTask, outputs: EngineOutput[]): Promise<StoredOutput[]> {
    if (outputs.length === 0) throw new MirrorError("the task completed without any output");
    const stored: StoredOutput[] = [];
    for (const [index, output] of outputs.entries()) {
      if (task.isDone) throw new Stopped();
      stored.push(await this.mirrorWithRetry(task.id, index, output));
    }
    // A stop that came while the last file was written must not leave it behind either.
    if (task.isDone) throw new Stopped();
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
}
