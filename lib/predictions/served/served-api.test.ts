import { afterEach, describe, expect, it } from "vitest";
import {
  EDIT_PATH,
  errorEnvelopeSchema,
  MULTI_PATH,
  predictionEnvelopeSchema,
  SUBMIT_PATH,
  syncTimeoutEnvelopeSchema,
} from "@/lib/contract";
import { createLocalEngine } from "@/lib/engines/local";
import { AppError } from "@/lib/errors";
import { createTestPredictions, FAST_SERVED, pngOf, readOutput, waitForTerminal } from "@/testing/harness";
import { completed, failed, running, ScriptedEngine } from "@/testing/scripted-engine";
import { BASE64_WITH_WEBHOOK, notServed } from "./served-api";

const BASE = "http://127.0.0.1:3000";
const opened: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const service of opened.splice(0)) await service.close();
});

function served(
  options: Parameters<typeof createTestPredictions>[1] = {},
  engine: Parameters<typeof createTestPredictions>[0] = createLocalEngine(),
) {
  const made = createTestPredictions(engine, options);
  opened.push(made.service);
  return made;
}

/** The AppError a call throws, as its envelope. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return errorEnvelopeSchema.parse((error as AppError).toEnvelope());
}

describe("the served submit", () => {
  it("answers `created` at once without sync mode, ignoring unknown fields", async () => {
    const { served: api } = served();
    const { status, envelope } = await api.submit({ body: { prompt: "a fox", shoe_size: 44 }, baseUrl: BASE });
    expect(status).toBe(200);
    expect(predictionEnvelopeSchema.parse(envelope).data).toMatchObject({ status: "created", outputs: [] });
  });

  it("with enable_sync_mode, answers only once the task has ended, with its outputs", async () => {
    const { served: api, service } = served();
    const { status, envelope } = await api.submit({
      body: { prompt: "a fox", enable_sync_mode: true, num_images: 2 },
      baseUrl: BASE,
    });
    expect(status).toBe(200);
    const data = predictionEnvelopeSchema.parse(envelope).data;
    expect(data).toMatchObject({ status: "completed", error: "", has_nsfw_contents: [false, false] });
    expect(data.outputs).toEqual((await service.get(data.id)).outputs.map((output) => `${BASE}/api/images/${output.file}`));
    expect((await service.get(data.id)).options).toEqual({ syncMode: true, base64Output: false });
  });

  it("with enable_base64_output, answers the stored bytes as naked base64, in sync mode and on every later read", async () => {
    const { served: api, service } = served();
    const { envelope } = await api.submit({
      body: { prompt: "a fox", enable_sync_mode: true, enable_base64_output: true },
      baseUrl: BASE,
    });
    const { id, outputs } = predictionEnvelopeSchema.parse(envelope).data;
    const { bytes } = await readOutput(service, id, 0);
    expect(outputs).toEqual([bytes.toString("base64")]);
    expect(outputs[0]).not.toMatch(/^data:/);
    expect(Buffer.from(outputs[0], "base64").equals(bytes)).toBe(true);
    expect((await api.result(id, BASE)).data.outputs).toEqual(outputs);

    const later = await api.submit({ body: { prompt: "a fox", enable_base64_output: true }, baseUrl: BASE });
    expect(later.envelope.data.outputs).toEqual([]);
    await waitForTerminal(service, later.envelope.data.id);
    const read = await api.result(later.envelope.data.id, BASE);
    expect(Buffer.from(read.data.outputs[0], "base64").equals((await readOutput(service, read.data.id, 0)).bytes)).toBe(true);
  });

  it("answers a failed task in sync mode exactly as a poll would", async () => {
    const { served: api } = served({}, new ScriptedEngine(() => [running(), failed("task failed (code 1403): no luck")]));
    const { status, envelope } = await api.submit({ body: { prompt: "x", enable_sync_mode: true }, baseUrl: BASE });
    expect(status).toBe(200);
    expect(envelope).toEqual(await api.result(envelope.data.id, BASE));
    expect(envelope).toMatchObject({
      code: 200,
      data: { status: "failed", error: "task failed (code 1403): no luck", outputs: [] },
    });
  });

  it("answers 504 with the task's id and urls.get when sync mode times out, and the task goes on", async () => {
    // At least 80 polls of FAST_TRACKER's 5 ms before it completes: far longer than the 150 ms wait.
    const png = await pngOf(8, 8);
    const engine = new ScriptedEngine(() => [
      ...Array.from({ length: 80 }, () => running()),
      completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }]),
    ]);
    const { served: api, service } = served({ served: { syncTimeoutMs: 150 } }, engine);
    const { status, envelope } = await api.submit({ body: { prompt: "slow", enable_sync_mode: true }, baseUrl: BASE });
    expect(status).toBe(504);
    const timeout = syncTimeoutEnvelopeSchema.parse(envelope);
    expect(timeout.data).toMatchObject({
      status: "processing",
      urls: { get: `${BASE}/api/v3/predictions/${timeout.data.id}/result` },
    });
    expect(timeout.message).toContain(`(task_id: ${timeout.data.id})`);
    expect(timeout.message).toContain(`Query the result later at: ${timeout.data.urls.get} `);
    expect(await waitForTerminal(service, timeout.data.id)).toMatchObject({ status: "completed" });
  });

  it("stops waiting when the client goes away", async () => {
    const { served: api } = served({ served: { syncTimeoutMs: 60_000 } }, new ScriptedEngine(() => [running()]));
    const controller = new AbortController();
    const answer = api.submit({ body: { prompt: "x", enable_sync_mode: true }, baseUrl: BASE, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await answer).status).toBe(504);
  });

  it("refuses base64 output with a webhook in WaveSpeed's words, and stores nothing", async () => {
    const { served: api, service } = served();
    const error = await refusal(
      api.submit({ body: { prompt: "x", enable_base64_output: true }, webhook: "https://hooks.example/in", baseUrl: BASE }),
    );
    expect(error).toMatchObject({ code: 400, message: BASE64_WITH_WEBHOOK, field: "enable_base64_output" });
    expect((await service.history({ limit: 10 })).items).toEqual([]);
  });

  it("refuses a webhook to a loopback or private address, or over http, unless allowed, naming `webhook`", async () => {
    const { served: api, service } = served({
      served: { allowPrivateWebhooks: false, webhooks: { ...FAST_SERVED.webhooks, targets: { allowPrivate: false } } },
    });
    for (const [webhook, reason] of [
      ["https://127.0.0.1:8443/hook", "127.0.0.1 is a loopback address"],
      ["https://[::ffff:10.1.2.3]/hook", "a private address"],
      ["https://[::127.0.0.1]/hook", "a loopback address: it carries 127.0.0.1 as IPv4-compatible IPv6"],
      ["https://[2001:0:808:808::f5ff:fff6]/hook", "a private address: it carries 10.0.0.9 as the client of a Teredo address"],
      ["https://169.254.169.254/latest", "a link-local address"],
      ["http://93.184.216.34/hook", "must be an https URL, not http"],
      ["https://localhost/hook", "resolves to"],
    ]) {
      const error = await refusal(api.submit({ body: { prompt: "x" }, webhook, baseUrl: BASE }));
      expect(error).toMatchObject({ code: 400, field: "webhook" });
      expect(error.message).toContain(reason);
      expect(error.message).toContain("WEBHOOK_ALLOW_PRIVATE=1");
    }
    expect((await service.history({ limit: 10 })).items).toEqual([]);
  });

  it("refuses an option of the wrong type, naming it", async () => {
    const { served: api } = served();
    const error = await refusal(api.submit({ body: { prompt: "x", enable_sync_mode: "yes" }, baseUrl: BASE }));
    expect(error).toMatchObject({ code: 400, field: "enable_sync_mode", message: "enable_sync_mode must be true or false" });
  });

  it("refuses a webhook in the body, pointing to the query parameter, and stores nothing", async () => {
    const { served: api, service } = served();
    for (const field of ["webhook", "webhook_url"]) {
      const body = { prompt: "x", [field]: "https://hooks.example/in" };
      const error = await refusal(api.submit({ body, webhook: "https://hooks.example/q", baseUrl: BASE }));
      expect(error).toMatchObject({ code: 400, field });
      expect(error.message).toBe(
        `${field} must be given as the webhook query parameter (POST …?webhook=https://…), as WaveSpeed documents it, not in the body`,
      );
    }
    expect((await service.history({ limit: 10 })).items).toEqual([]);
  });
});

describe("paths not served", () => {
  it("tell another FLUX Kontext model which ones are served, and name any other path", () => {
    const other = notServed("POST", ["wavespeed-ai", "flux-kontext-ultra"]).toEnvelope();
    expect(other).toMatchObject({ code: 404, field: "model" });
    expect(other.message).toContain(`"wavespeed-ai/flux-kontext-ultra" is not served here`);
    for (const path of [SUBMIT_PATH, EDIT_PATH, MULTI_PATH, "/api/v3/wavespeed-ai/flux-kontext-max/text-to-image"])
      expect(other.message).toContain(`POST ${path}`);
    expect(notServed("GET", []).message).toContain("Nothing is served at GET /api/v3.");
    expect(notServed("POST", ["media", "elsewhere"]).toEnvelope()).toMatchObject({
      code: 404,
      field: "path",
      message: expect.stringContaining(
        `Nothing is served at POST /api/v3/media/elsewhere. This playground serves the FLUX.1 Kontext family (POST ${SUBMIT_PATH}`,
      ),
    });
  });
});
