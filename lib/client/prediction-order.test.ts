import { describe, expect, it } from "vitest";
import type { PredictionView } from "@/lib/playground-api";
import { newerView } from "./prediction-order";

const view = (status: PredictionView["status"], id = "a"): PredictionView => ({
  id,
  engine: "local",
  model: "m",
  status,
  input: { prompt: "p", aspect_ratio: "1:1", num_images: 1, seed: 1, guidance_scale: 3.5, safety_tolerance: "2" },
  seedRequested: null,
  error: "",
  inferenceMs: 0,
  createdAt: "2025-01-01T00:00:00.000Z",
  completedAt: null,
  outputs: [],
  shareUrl: "http://x/p/a",
  resultUrl: "http://x/r",
});

describe("newerView", () => {
  it("never lets a late answer move a prediction back", () => {
    const completed = view("completed");
    expect(newerView(completed, view("created"))).toBe(completed);
    expect(newerView(view("processing"), completed)).toBe(completed);
  });

  it("takes the incoming view on a tie and when nothing is known yet", () => {
    const incoming = view("processing");
    expect(newerView(view("processing"), incoming)).toBe(incoming);
    expect(newerView(undefined, incoming)).toBe(incoming);
  });

  it("does not compare views of different predictions", () => {
    const other = view("created", "b");
    expect(newerView(view("completed"), other)).toBe(other);
  });
});
