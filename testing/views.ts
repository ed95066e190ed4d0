import type { PredictionView } from "@/lib/playground-api";

/** A completed local prediction view for client-side unit tests; override what the test is about. */
export function makeView({
  input,
  ...overrides
}: Partial<Omit<PredictionView, "input">> & { input?: Partial<PredictionView["input"]> } = {}): PredictionView {
  const id = overrides.id ?? "a";
  return {
    id,
    engine: "local",
    model: "m",
    status: "completed",
    input: {
      model: "pro",
      prompt: "p",
      aspect_ratio: "1:1",
      num_images: 1,
      seed: 1,
      guidance_scale: 3.5,
      safety_tolerance: "2",
      ...input,
    },
    seedRequested: null,
    error: "",
    inferenceMs: 0,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    completedAt: null,
    outputs: [],
    lineage: null,
    threadId: id,
    note: "",
    sweep: null,
    source: null,
    shareUrl: `http://x/p/${id}`,
    resultUrl: "http://x/r",
    ...overrides,
  };
}
