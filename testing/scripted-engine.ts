import type { EngineInput } from "@/lib/domain";
import type { Engine, EngineImage, EngineOutput, EngineState, SubmitOptions } from "@/lib/engines/types";

/**
 * An in-process engine for tracker tests: each task walks through the states
 * the test scripts for it, one per poll, and records every call.
 */
export class ScriptedEngine implements Engine {
  readonly name = "wavespeed" as const;
  readonly model = "test/scripted";
  readonly submits: EngineInput[] = [];
  /** The input images each submit was handed, read in full. */
  readonly submittedImages: EngineImage[][] = [];
  readonly polls: string[] = [];
  private nextId = 0;
  private readonly steps = new Map<string, (EngineState | Error)[]>();

  constructor(private readonly script: (input: EngineInput) => (EngineState | Error)[]) {}

  modelFor(input: EngineInput) {
    return input.edit ? `test/scripted-${input.edit.kind}` : this.model;
  }

  async submit(input: EngineInput, options?: SubmitOptions) {
    this.submits.push(input);
    this.submittedImages.push(options?.images ? await options.images() : []);
    const upstreamId = `task-${++this.nextId}`;
    this.steps.set(upstreamId, this.script(input));
    return { upstreamId };
  }

  async getState(upstreamId: string): Promise<EngineState> {
    this.polls.push(upstreamId);
    const steps = this.steps.get(upstreamId);
    if (!steps) throw new Error(`unknown task ${upstreamId}`);
    const step = steps.length > 1 ? steps.shift()! : steps[0];
    if (step instanceof Error) throw step;
    return step;
  }
}

export const running = (status: "created" | "processing" = "processing"): EngineState => ({
  status,
  outputs: [],
  error: "",
  inferenceMs: 0,
});

export const completed = (outputs: EngineOutput[], inferenceMs = 1234): EngineState => ({
  status: "completed",
  outputs,
  error: "",
  inferenceMs,
});

export const failed = (error: string): EngineState => ({ status: "failed", outputs: [], error, inferenceMs: 0 });
