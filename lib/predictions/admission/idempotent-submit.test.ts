import { afterEach, describe, expect, it } from "vitest";
import { createTestPredictions, pngOf, submitBody, waitForTerminal } from "@/testing/harness";
import { completed, ScriptedEngine } from "@/testing/scripted-engine";
import { isAppError } from "../../errors";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp() {
  const png = await pngOf(16, 16);
  const engine = new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]);
  const predictions = createTestPredictions(engine);
  cleanups.push(() => predictions.service.close());
  return { engine, ...predictions };
}

const body = { prompt: "a lighthouse at dawn", aspect_ratio: "16:9" };

describe("a submit with an Idempotency-Key", () => {
  it("sent again after a lost answer gets the same prediction, and the task is sent upstream once", async () => {
    const { engine, service } = await setUp();
    const first = await submitBody(service, body, { idempotencyKey: "retry-1" });
    await waitForTerminal(service, first.id);
    // The retry spells the same request differently: defaults written out, the random seed as -1.
    const again = await submitBody(service, { ...body, num_images: 1, seed: -1 }, { idempotencyKey: "retry-1" });
    expect(again.id).toBe(first.id);
    expect(again.input.seed).toBe(first.input.seed);
    expect(again.status).toBe("completed");
    expect(engine.submits).toHaveLength(1);
    expect((await service.history({ limit: 10 })).items).toHaveLength(1);
  });

  it("sent by concurrent retries makes one prediction and one task", async () => {
    const { engine, service } = await setUp();
    const answers = await Promise.all(Array.from({ length: 6 }, () => submitBody(service, body, { idempotencyKey: "burst" })));
    expect(new Set(answers.map((record) => record.id)).size).toBe(1);
    await waitForTerminal(service, answers[0].id);
    expect(engine.submits).toHaveLength(1);
  });

  it("reused with a different request is refused with 422 naming the header; without a key every submit is new", async () => {
    const { service } = await setUp();
    await submitBody(service, body, { idempotencyKey: "k" });
    const refusal = await submitBody(service, { ...body, prompt: "another prompt" }, { idempotencyKey: "k" }).catch(
      (error) => error,
    );
    expect(isAppError(refusal)).toBe(true);
    expect(refusal).toMatchObject({ status: 422, code: "idempotency_key_reused", field: "Idempotency-Key" });

    const [a, b] = [await submitBody(service, body), await submitBody(service, body)];
    expect(a.id).not.toBe(b.id);
  });

  it("must be 1 to 255 visible ASCII characters (400 naming the header)", async () => {
    const { service } = await setUp();
    for (const key of ["", "has space", "é", "x".repeat(256)]) {
      await expect(submitBody(service, body, { idempotencyKey: key })).rejects.toMatchObject({
        status: 400,
        field: "Idempotency-Key",
      });
    }
    expect((await submitBody(service, body, { idempotencyKey: "x".repeat(255) })).id).toHaveLength(32);
  });
});
