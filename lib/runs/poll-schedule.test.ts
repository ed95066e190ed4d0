import { describe, expect, it } from "vitest";
import { MODEL_NAMES } from "@/lib/domain";
import { DurationEstimate, nextPollDelay, type PollSchedule } from "./poll-schedule";

const WAVESPEED: PollSchedule = { firstPollMs: 500, intervalMs: 250, maxGapMs: 1_000 };

/** Poll times for one task of `durationMs`, up to the first poll at or after its finish. */
function pollTimes(durationMs: number, expectedMs: number, schedule = WAVESPEED): number[] {
  const times: number[] = [];
  let at = nextPollDelay(0, expectedMs, schedule);
  for (;;) {
    times.push(at);
    if (at >= durationMs) return times;
    at += nextPollDelay(at, expectedMs, schedule);
  }
}

describe("nextPollDelay", () => {
  it("looks once soon after submit", () => {
    expect(nextPollDelay(0, 4_000, WAVESPEED)).toBe(500);
    expect(nextPollDelay(200, 4_000, WAVESPEED)).toBe(300);
  });

  it("polls sparsely, at most maxGapMs apart, until 85 % of the expected duration", () => {
    expect(nextPollDelay(500, 4_000, WAVESPEED)).toBe(1_000);
    // Lands on the start of the dense phase rather than jumping past it.
    expect(nextPollDelay(2_500, 4_000, WAVESPEED)).toBe(900);
    expect(nextPollDelay(3_300, 4_000, WAVESPEED)).toBe(250);
  });

  it("polls every interval around the expected finish", () => {
    expect(nextPollDelay(3_400, 4_000, WAVESPEED)).toBe(250);
    expect(nextPollDelay(3_999, 4_000, WAVESPEED)).toBe(250);
  });

  it("widens to twice the interval once the expected finish has passed", () => {
    expect(nextPollDelay(4_000, 4_000, WAVESPEED)).toBe(500);
    expect(nextPollDelay(9_000, 4_000, WAVESPEED)).toBe(500);
  });

  it("never waits longer than maxGapMs, whatever the phase", () => {
    const tight: PollSchedule = { firstPollMs: 40, intervalMs: 40, maxGapMs: 40 };
    for (const elapsed of [40, 150, 199, 200, 1_000]) expect(nextPollDelay(elapsed, 200, tight)).toBe(40);
    const webhook: PollSchedule = { firstPollMs: 500, intervalMs: 2_000, maxGapMs: 10_000 };
    expect(nextPollDelay(5_000, 4_000, webhook)).toBe(4_000);
  });

  it("costs at most 10 result GETs for a 5 s task on a fresh server (4 s estimate)", () => {
    expect(pollTimes(5_000, 4_000)).toEqual([500, 1_500, 2_500, 3_400, 3_650, 3_900, 4_150, 4_650, 5_150]);
  });

  it("leaves a task that finishes when expected as it was: dense up to the finish", () => {
    expect(pollTimes(5_000, 5_000)).toEqual([500, 1_500, 2_500, 3_500, 4_250, 4_500, 4_750, 5_000]);
  });
});

describe("DurationEstimate", () => {
  it("moves towards what it observes, weighted to the recent", () => {
    const estimate = new DurationEstimate(4_000);
    estimate.observe(5_000);
    expect(estimate.expectedMs).toBe(4_300);
    estimate.observe(5_000);
    expect(estimate.expectedMs).toBe(4_510);
  });

  it("expects each model's own length, and learns from any model in [pro]'s terms", () => {
    const estimate = new DurationEstimate(4_000);
    expect(MODEL_NAMES.map((model) => estimate.expectedFor(model))).toEqual([4_000, 6_000, 4_000, 2_000]);
    estimate.observe(7_500, "max");
    expect(estimate.expectedMs).toBe(4_300);
    expect(estimate.expectedFor("max")).toBe(6_450);
  });

  it("costs each model at most 10 result GETs for a task of its usual length", () => {
    const estimate = new DurationEstimate(4_000);
    for (const model of MODEL_NAMES) {
      const usual = estimate.expectedFor(model);
      expect(pollTimes(usual, usual).length, model).toBeLessThanOrEqual(10);
    }
    // Against [pro]'s estimate alone, [max]'s usual 6 s would cost 11.
    expect(pollTimes(6_000, 4_000)).toHaveLength(11);
  });

  it("ignores durations that cannot be real", () => {
    const estimate = new DurationEstimate(4_000);
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) estimate.observe(bad);
    expect(estimate.expectedMs).toBe(4_000);
  });
});
