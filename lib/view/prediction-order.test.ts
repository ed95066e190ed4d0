import { describe, expect, it } from "vitest";
import type { PredictionView } from "@/lib/playground-api";
import { makeView } from "@/testing/views";
import { newerView } from "./prediction-order";

const view = (status: PredictionView["status"], id = "a"): PredictionView => makeView({ id, status });

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
