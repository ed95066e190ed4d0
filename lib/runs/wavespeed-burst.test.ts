import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitBody } from "@/testing/harness";
import { expectAuthorized, KEY, type Kit, settle, startKit, uniqueToken } from "@/testing/wavespeed-test-kit";

/**
 * A burst against an account allowed 3 unfinished tasks: the tracker keeps
 * the extra ones waiting here, so the upstream never has to refuse one.
 */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit({ concurrencyLimit: 3, defaultDurationMs: 200 });
});
afterAll(() => kit.close());

/** The most tasks unfinished upstream at any one moment, from the fake's own timestamps. */
function peakUnfinished(tasks: Array<{ createdAt: number; completedAt: number }>): number {
  return Math.max(...tasks.map(({ createdAt: at }) => tasks.filter((t) => t.createdAt <= at && at < t.completedAt).length));
}

describe("a burst of 20 predictions", () => {
  it("completes every one with exactly 20 submits and never more than 3 upstream at once", async () => {
    const token = uniqueToken("burst");
    const { service, tracker } = kit.predictions({ maxConcurrency: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await submitBody(service, { prompt: `${token} #${i}` })).id);
    expect(tracker.inFlight).toBeLessThanOrEqual(3);

    const done = await Promise.all(ids.map((id) => settle(service, id)));
    expect(done.map((record) => record.status)).toEqual(Array(20).fill("completed"));
    for (const record of done) expect((await service.find(record.id))!.outputs).toHaveLength(1);

    const upstream = kit.calls(token);
    // Exactly one submit each: no 429 was provoked, so none was retried.
    expect(upstream.submits).toHaveLength(20);
    expect(new Set(done.map((record) => record.upstreamId)).size).toBe(20);
    expect(upstream.tasks).toHaveLength(20);
    expect(peakUnfinished(upstream.tasks)).toBeLessThanOrEqual(3);
    expect(new Set(upstream.submits.map((submit) => (submit.body as { prompt: string }).prompt)).size).toBe(20);
    expectAuthorized(upstream);
    expect(await kit.everythingStored()).not.toContain(KEY);
  });
});
