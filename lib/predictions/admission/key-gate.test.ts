import { describe, expect, it } from "vitest";
import { UpstreamError } from "../../engines/types";
import { KeyGate } from "./key-gate";

/** A probe whose answer the test sets, counting its calls. */
function probe() {
  const state = { calls: 0, answer: "accepted" as "accepted" | "rejected" | "unreachable" };
  const run = async () => {
    state.calls++;
    if (state.answer === "rejected") throw new UpstreamError("auth", "the WaveSpeed API key was rejected");
    if (state.answer === "unreachable") throw new UpstreamError("unavailable", "could not reach WaveSpeed");
  };
  return { state, run };
}

describe("KeyGate", () => {
  it("admits every submit until a rejection is reported, then refuses with a 401 without probing at once", async () => {
    let now = 0;
    const { state, run } = probe();
    const gate = new KeyGate(run, 5_000, () => now);
    await gate.admit();
    gate.keyRejected();
    await expect(gate.admit()).rejects.toMatchObject({ code: "upstream_auth", status: 401 });
    now = 4_999;
    await expect(gate.admit()).rejects.toMatchObject({ status: 401 });
    expect(state.calls).toBe(0);
  });

  it("probes once the interval has passed, at most once per interval, and opens when the probe succeeds", async () => {
    let now = 0;
    const { state, run } = probe();
    const gate = new KeyGate(run, 5_000, () => now);
    gate.keyRejected();
    state.answer = "rejected";
    now = 5_000;
    await Promise.all([expect(gate.admit()).rejects.toMatchObject({ status: 401 }), expect(gate.admit()).rejects.toThrow()]);
    expect(state.calls).toBe(1);
    now = 9_000;
    await expect(gate.admit()).rejects.toMatchObject({ status: 401 });
    expect(state.calls).toBe(1);

    state.answer = "accepted";
    now = 10_000;
    await gate.admit();
    expect(state.calls).toBe(2);
    expect(gate.isRejected).toBe(false);
  });

  it("learns of a rejected key from a probe at start-up, and keeps what it knew when the probe says nothing", async () => {
    let now = 0;
    const { state, run } = probe();
    const gate = new KeyGate(run, 5_000, () => now);
    state.answer = "rejected";
    await gate.check();
    await expect(gate.admit()).rejects.toMatchObject({ status: 401 });

    state.answer = "unreachable";
    now = 6_000;
    await expect(gate.admit()).rejects.toMatchObject({ status: 401 });
    expect(gate.isRejected).toBe(true);
  });

  it("reopens when the tracker sees the key accepted again", async () => {
    const gate = new KeyGate(probe().run);
    gate.keyRejected();
    gate.keyAccepted();
    await expect(gate.admit()).resolves.toBeUndefined();
  });

  it("without a probe, lets the next submit through as one once the interval has passed", async () => {
    let now = 0;
    const gate = new KeyGate(undefined, 5_000, () => now);
    gate.keyRejected();
    await expect(gate.admit()).rejects.toMatchObject({ status: 401 });
    now = 5_000;
    await expect(gate.admit()).resolves.toBeUndefined();
  });
});

describe("KeyGate at start-up", () => {
  it("makes a submit that comes during the start-up probe wait for its answer", async () => {
    let answer: (() => void) | undefined;
    const gate = new KeyGate(
      () =>
        new Promise<void>((_resolve, reject) => {
          answer = () => reject(new UpstreamError("auth", "the WaveSpeed API key was rejected"));
        }),
    );
    const probing = gate.check();
    const admitted = gate.admit();
    answer!();
    await probing;
    await expect(admitted).rejects.toMatchObject({ status: 401 });
  });
});
