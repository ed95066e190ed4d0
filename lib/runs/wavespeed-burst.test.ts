import { describe, expect, it } from "vitest";
import { submitBody } from "@/testing/harness";
import { expectOneSubmitEachWithinLimit, KEY, kitForFile, settle, uniqueToken } from "@/testing/wavespeed-test-kit";

/**
 * A burst against an account allowed 3 unfinished tasks: the tracker keeps
 * the extra ones waiting here, so the upstream never has to refuse one.
 */
const kit = kitForFile({ concurrencyLimit: 3, defaultDurationMs: 200 });

describe("a burst of 20 predictions", () => {
  it("completes every one with exactly 20 submits and never more than 3 upstream at once", async () => {
    const token = uniqueToken("burst");
    const { service, tracker } = kit().predictions({ maxConcurrency: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await submitBody(service, { prompt: `${token} #${i}` })).id);
    expect(tracker.inFlight).toBeLessThanOrEqual(3);

    const done = await Promise.all(ids.map((id) => settle(service, id)));
    expect(done.map((record) => record.status)).toEqual(Array(20).fill("completed"));
    for (const record of done) expect((await service.find(record.id))!.outputs).toHaveLength(1);
    expect(new Set(done.map((record) => record.upstreamId)).size).toBe(20);
    expectOneSubmitEachWithinLimit(kit(), token, 20, 3);
    expect(await kit().everythingStored()).not.toContain(KEY);
  });
});
