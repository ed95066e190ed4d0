import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PIXEL_SIZES } from "@/lib/domain";
import { outputPng } from "@/testing/fake-wavespeed/images";
import { readOutput, submitBody } from "@/testing/harness";
import { expectAuthorized, expectImagesLoad, KEY, type Kit, settle, startKit, uniqueToken } from "@/testing/wavespeed-test-kit";

/** The real engine and tracker against the fake upstream: transient trouble ends in loaded images. */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(() => kit.close());
// Whatever happened upstream, the key is in no stored record, event or database page.
afterEach(async () => expect(await kit.everythingStored()).not.toContain(KEY));

async function generate(directives: string, extra: Record<string, unknown> = {}) {
  const token = uniqueToken("flow");
  const made = kit.predictions();
  const record = await submitBody(made.service, { prompt: `${token} ${directives}`, ...extra });
  const done = await settle(made.service, record.id);
  return { ...made, token, done, upstream: kit.calls(token) };
}

describe("a prediction on the real engine", () => {
  it("follows a slow task through created and processing to loaded images", async () => {
    const { done, service, seen, upstream } = await generate("[duration:1500]", { num_images: 2, aspect_ratio: "16:9" });
    expect(done).toMatchObject({ status: "completed", error: "" });
    const statuses = seen.flatMap((event) =>
      event.type === "updated" && event.record.id === done.id ? [event.record.status] : [],
    );
    expect([...new Set(statuses)]).toEqual(["created", "processing", "completed"]);
    expect((await service.find(done.id))!.outputs.map((o) => [o.width, o.height])).toEqual([
      [1392, 752],
      [1392, 752],
    ]);
    await expectImagesLoad(service, done.id, 2);
    expect(upstream.submits).toHaveLength(1);
    expect(upstream.submits[0].body).toMatchObject({ num_images: 2, aspect_ratio: "16:9", seed: done.input.seed });
    expect(upstream.polls.length).toBeGreaterThan(1);
    expectAuthorized(upstream);
  });

  it.each([
    ["429 without Retry-After", "[submit429:2]", 3],
    ["429 with Retry-After", "[submit429:1,retry-after:1]", 2],
    ["429s beyond the engine's own attempts, waited out by the tracker", "[submit429:5]", 6],
    ["a fast 500 with an error body", "[submit500:2]", 3],
  ])("sends the submit again after %s, and completes", async (_name, directives, submits) => {
    const { done, service, upstream } = await generate(directives);
    expect(done).toMatchObject({ status: "completed", error: "" });
    await expectImagesLoad(service, done.id, 1);
    expect(upstream.submits).toHaveLength(submits);
    expect(upstream.tasks).toHaveLength(1);
    expectAuthorized(upstream);
  });

  it.each([
    ["500s and a 429", "[poll500:2,poll429:1]", 3],
    ["a 429 with Retry-After", "[poll429:1,retry-after:1]", 1],
    ["garbage: an HTML page, then JSON that is not an envelope", "[malformed-poll:2]", 2],
  ])("polls on through %s, and completes", async (_name, directives, failures) => {
    const { done, service, upstream } = await generate(`[duration:0]${directives}`);
    expect(done).toMatchObject({ status: "completed", error: "" });
    await expectImagesLoad(service, done.id, 1);
    expect(upstream.submits).toHaveLength(1);
    // Every failed poll reached the upstream, and one more brought the result.
    expect(upstream.polls.length).toBeGreaterThanOrEqual(failures + 1);
    expect(upstream.tasks[0].polls).toBe(upstream.polls.length);
    expectAuthorized(upstream);
  });

  it("gives up after too many failed polls in a row, with the upstream's answer", async () => {
    const { done, upstream } = await generate("[duration:0,poll500:50]");
    expect(done.status).toBe("failed");
    expect(done.error).toBe("WaveSpeed is unavailable (HTTP 500): internal server error");
    // FAST_TRACKER tolerates 3 failures in a row; the 4th ends it.
    expect(upstream.polls).toHaveLength(4);
    expect(upstream.submits).toHaveLength(1);
  });

  // The fake deletes a second after completion: time enough to mirror on a loaded machine.
  it("keeps the images after WaveSpeed deletes its outputs", async () => {
    const { done, service, upstream, token } = await generate("[duration:100,delete-after:1000]");
    expect(done.status).toBe("completed");
    const [task] = upstream.tasks;
    const sourceUrl = `${kit.fake.url}/outputs/${task.id}/0.png`;
    expect((await service.find(done.id))!.outputs[0].sourceUrl).toBe(sourceUrl);
    await expect.poll(async () => (await fetch(sourceUrl)).status, { timeout: 10_000 }).toBe(404);
    const result = await fetch(`${kit.fake.url}/api/v3/predictions/${task.id}/result`, {
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(result.status).toBe(404);

    const { bytes } = await readOutput(service, done.id, 0);
    expect(bytes.equals(await outputPng(task.id, 0, PIXEL_SIZES["1:1"]))).toBe(true);
    expect((await service.find(done.id))!.status).toBe("completed");
    expect(kit.calls(token).submits).toHaveLength(1);
  });

  it("passes the nsfw flags through to the stored outputs", async () => {
    const { done, service } = await generate("[duration:0,nsfw:1,3]", { num_images: 4 });
    expect(done.status).toBe("completed");
    expect((await service.find(done.id))!.outputs.map((output) => output.nsfw)).toEqual([false, true, false, true]);
    await expectImagesLoad(service, done.id, 4);
  });
});
