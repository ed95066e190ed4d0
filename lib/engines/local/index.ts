import type { EngineInput } from "@/lib/domain";
import type { Engine, EngineOutput, EngineState, ImagesOf } from "../types";
import { renderImage } from "./render";
import { isFlagged } from "./safety";

export { renderImage } from "./render";

/** Reported as `data.model`: honest about being a local stand-in, never FLUX. */
export const LOCAL_MODEL_ID = "kontext-playground/local-preview";

export type LocalEngineOptions = {
  /** How long a finished task stays after its outputs were first handed out. */
  keepMs?: number;
  /** How long a finished task waits to be fetched at all before it is dropped. */
  unfetchedKeepMs?: number;
  /** Injectable for tests: the clock and the renderer. */
  now?: () => number;
  render?: (input: EngineInput, index: number, images: Buffer[]) => Promise<Buffer>;
};

type Task = EngineState & { expiresAt?: number; fetched: boolean };

/**
 * The embedded engine: renders in-process, keeps tasks in a map. Nothing here
 * has to survive a restart: rendering is deterministic, so a task the map has
 * forgotten is simply rendered again from the input the caller passes back.
 */
export function createLocalEngine(options: LocalEngineOptions = {}): Engine {
  const { keepMs = 60_000, unfetchedKeepMs = 10 * 60_000, now = Date.now, render = renderImage } = options;
  const tasks = new Map<string, Task>();

  const sweep = () => {
    const t = now();
    for (const [id, task] of tasks) if (task.expiresAt !== undefined && task.expiresAt <= t) tasks.delete(id);
  };

  async function run(task: Task, input: EngineInput, imagesOf?: ImagesOf): Promise<void> {
    task.status = "processing";
    const started = performance.now();
    try {
      const nsfw = isFlagged(input.prompt, input.safety_tolerance);
      const images = input.edit ? ((await imagesOf?.()) ?? []).map((image) => image.bytes) : [];
      if (input.edit && images.length !== input.edit.images.length) throw new Error("the input images of this edit are missing");
      const outputs: EngineOutput[] = [];
      // One image at a time per prediction; other predictions run alongside.
      for (let i = 0; i < input.num_images; i++) {
        outputs.push({ kind: "bytes", bytes: await render(input, i, images), contentType: "image/jpeg", nsfw });
      }
      task.outputs = outputs;
      task.status = "completed";
    } catch (err) {
      task.status = "failed";
      task.error = `local render failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    task.inferenceMs = Math.max(1, Math.round(performance.now() - started));
    task.expiresAt = now() + unfetchedKeepMs;
  }

  const newTask = (): Task => ({ status: "created", outputs: [], error: "", inferenceMs: 0, fetched: false });

  return {
    name: "local",
    model: LOCAL_MODEL_ID,
    // Edits too: the local engine never claims to be a WaveSpeed model.
    modelFor: () => LOCAL_MODEL_ID,

    async submit(input, { predictionId, images }) {
      sweep();
      const upstreamId = `local-${predictionId}`;
      if (!tasks.has(upstreamId)) {
        const task = newTask();
        tasks.set(upstreamId, task);
        // Deferred so the caller sees `created` before any work begins.
        setImmediate(() => void run(task, input, images));
      }
      return { upstreamId };
    },

    async getState(upstreamId, input, images) {
      sweep();
      let task = tasks.get(upstreamId);
      if (!task) {
        task = newTask();
        tasks.set(upstreamId, task);
        void run(task, input, images);
      }
      if ((task.status === "completed" || task.status === "failed") && !task.fetched) {
        task.fetched = true;
        task.expiresAt = now() + keepMs;
      }
      const { status, outputs, error, inferenceMs } = task;
      return { status, outputs: [...outputs], error, inferenceMs };
    },
  };
}
