import { DEFAULT_PREDICTION_OPTIONS, type NewPrediction, type PredictionRecord } from "@/lib/domain";

/** A prediction record for tests that need one without a store; override what the test is about. */
export function testRecord(id: string, overrides: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    id,
    engine: "local",
    model: "m",
    status: "created",
    input: { model: "pro", prompt: "p", aspect_ratio: "1:1", num_images: 1, seed: 1, guidance_scale: 3.5, safety_tolerance: "2" },
    seedRequested: null,
    upstreamId: null,
    submitState: "pending",
    error: "",
    inferenceMs: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    completedAt: null,
    outputs: [],
    options: DEFAULT_PREDICTION_OPTIONS,
    lineage: null,
    threadId: id,
    note: "",
    sweep: null,
    source: null,
    ...overrides,
  };
}

/** A run as a submit stores it: `created`, never sent; override what the test is about. */
export function unsentRun(id: string, overrides: Partial<NewPrediction> = {}): NewPrediction {
  const { updatedAt: _updatedAt, outputs: _outputs, ...record } = testRecord(id);
  return { ...record, ...overrides };
}
