import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { predictionEnvelopeSchema, syncTimeoutEnvelopeSchema } from "@/lib/contract";
import { AppError } from "@/lib/errors";
import { submitBody } from "@/testing/harness";
import { KEY, type Kit, settle, startKit, uniqueToken } from "@/testing/wavespeed-test-kit";
import { KEY_REJECTED_MESSAGE } from "../admission/key-gate";

/** The served contract on the real engine, against the fake upstream: sync waits, base64, and a rejected key. */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(() => kit.close());

const BASE = "http://127.0.0.1:3000";

describe("the served contract on the WaveSpeed engine", () => {
  it("answers a sync submit with the mirrored outputs, as base64 when asked", async () => {
    const token = uniqueToken("sync");
    const { served, service } = kit.predictions();
    const { status, envelope } = await served.submit({
      body: { prompt: `${token} [duration:400]`, enable_sync_mode: true, enable_base64_output: true, num_images: 2 },
      baseUrl: BASE,
    });
    expect(status).toBe(200);
    const data = predictionEnvelopeSchema.parse(envelope).data;
    expect(data.status).toBe("completed");
    expect(data.outputs).toHaveLength(2);
    for (const output of data.outputs) expect(Buffer.from(output, "base64").subarray(1, 4).toString()).toBe("PNG");
    // The options are ours to honour: the upstream never sees them.
    const [submit] = kit.calls(token).submits;
    expect(submit.body).not.toHaveProperty("enable_sync_mode");
    expect(submit.body).not.toHaveProperty("enable_base64_output");
    expect((await service.get(data.id)).options).toEqual({ syncMode: true, base64Output: true });
  });

  it("answers 504 when a slow task outlasts the sync wait; the task completes and is read later", async () => {
    const token = uniqueToken("slow");
    const { served, service } = kit.predictions({}, {}, { syncTimeoutMs: 300 });
    const { status, envelope } = await served.submit({
      body: { prompt: `${token} [duration:2500]`, enable_sync_mode: true },
      baseUrl: BASE,
    });
    expect(status).toBe(504);
    const { data } = syncTimeoutEnvelopeSchema.parse(envelope);
    expect(data.status).toMatch(/created|processing/);
    expect(await settle(service, data.id)).toMatchObject({ status: "completed" });
    expect((await served.result(data.id, BASE)).data.outputs).toHaveLength(1);
  });

  it("answers a task that fails upstream in sync mode with the failed envelope", async () => {
    const token = uniqueToken("fails");
    const { served } = kit.predictions();
    const { status, envelope } = await served.submit({
      body: { prompt: `${token} [duration:200,fail:1403]`, enable_sync_mode: true },
      baseUrl: BASE,
    });
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ code: 200, data: { status: "failed", outputs: [] } });
    expect(envelope.data.error).toContain("The simulated task failed");
  });
});

describe("a key the upstream rejects", () => {
  it("is known from the start-up probe: submits are refused with 401 and nothing is stored or sent", async () => {
    const token = uniqueToken("badkey");
    const made = kit.predictions({}, { apiKey: "ws-not-the-key" });
    await made.keyGate.check();
    const error = await made.served.submit({ body: { prompt: token }, baseUrl: BASE }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toEnvelope()).toEqual({
      code: 401,
      message: KEY_REJECTED_MESSAGE,
      data: null,
      error_code: "upstream_auth",
    });
    expect((await made.service.history({ limit: 10 })).items).toEqual([]);
    expect(kit.calls(token).submits).toEqual([]);
  });

  it("once a task meets it, refuses the next submits at once, and takes them again when a probe succeeds", async () => {
    const made = kit.predictions();
    try {
      kit.fake.control({ apiKey: "a-rotated-key" });
      const first = await submitBody(made.service, { prompt: uniqueToken("doomed") });
      expect(await settle(made.service, first.id)).toMatchObject({
        status: "failed",
        error: "the WaveSpeed API key was rejected",
      });

      const refused = uniqueToken("refused");
      await expect(submitBody(made.service, { prompt: refused })).rejects.toMatchObject({ status: 401, code: "upstream_auth" });
      expect(kit.calls(refused).submits).toEqual([]);
      expect((await made.service.history({ limit: 10 })).items.map((item) => item.id)).toEqual([first.id]);
    } finally {
      kit.fake.control({ apiKey: KEY });
    }
    // The gate probes at most every 50 ms here (FAST_SERVED); the key works again, so a probe reopens it.
    let accepted: string | undefined;
    await expect
      .poll(
        async () => {
          accepted ??= (await submitBody(made.service, { prompt: uniqueToken("again") }).catch(() => undefined))?.id;
          return accepted;
        },
        { timeout: 10_000, interval: 60 },
      )
      .toBeTruthy();
    expect(await settle(made.service, accepted!)).toMatchObject({ status: "completed" });
  });
});
