import { describe, expect, it } from "vitest";
import { testRecord } from "@/testing/records";
import type { PredictionRecord } from "../../domain";
import type { AppError } from "../../errors";
import { InProcessEventBus } from "../../events/in-process-event-bus";
import { EventStreams } from "./event-streams";

const record = (id: string, prompt = "x".repeat(1000)): PredictionRecord =>
  testRecord(id, {
    input: { model: "pro", prompt, aspect_ratio: "1:1", num_images: 1, seed: 1, guidance_scale: 3.5, safety_tolerance: "2" },
  });

function setUp(limits: Partial<ConstructorParameters<typeof EventStreams>[1]> = {}) {
  const bus = new InProcessEventBus();
  const streams = new EventStreams((listener) => bus.subscribe(listener), {
    maxClients: 10,
    maxBufferedBytes: 16 * 1024,
    heartbeatMs: 60_000,
    ...limits,
  });
  const publish = (count: number) =>
    Promise.all(Array.from({ length: count }, (_, i) => bus.publish({ type: "updated", record: record(`p${i}`) })));
  return { bus, streams, publish };
}

describe("EventStreams", () => {
  it("drops a client that stops reading once the cap waits unread, and lets it go at once", async () => {
    const { bus, streams, publish } = setUp();
    const stream = streams.connect("http://x", new AbortController().signal);
    const stalled = stream.getReader();
    await publish(10);
    expect(streams.count).toBe(1);
    expect(streams.bufferedBytes).toBeGreaterThan(10_000);
    await publish(30);
    expect(streams.count).toBe(0);
    expect(streams.bufferedBytes).toBe(0);
    expect(bus.subscriberCount).toBe(0);
    await expect(stalled.read()).rejects.toMatchObject({ name: "AbortError" });
  });

  it("keeps a client that reads, however much goes by", async () => {
    const { streams, publish } = setUp();
    const reader = streams.connect("http://x", new AbortController().signal).getReader();
    let received = 0;
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += value.byteLength;
      }
    })();
    for (let round = 0; round < 20; round++) {
      await publish(5);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(streams.count).toBe(1);
    expect(received).toBeGreaterThan(100 * 1000);
    await reader.cancel();
    await reading;
    expect(streams.count).toBe(0);
  });

  it("refuses past SSE_MAX_CLIENTS with 503 and Retry-After, and frees a slot when a client leaves", () => {
    const { streams } = setUp({ maxClients: 2 });
    const first = new AbortController();
    streams.connect("http://x", first.signal);
    streams.connect("http://x", new AbortController().signal);
    let refusal: unknown;
    try {
      streams.connect("http://x", new AbortController().signal);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ status: 503, code: "server_busy" });
    expect((refusal as AppError).headers()).toEqual({ "Retry-After": "10" });
    first.abort();
    expect(streams.count).toBe(1);
    expect(() => streams.connect("http://x", new AbortController().signal)).not.toThrow();
  });
});
