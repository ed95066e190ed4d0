import path from "node:path";
import { expect, test } from "@playwright/test";
import { WavespeedSubmissionException, WavespeedSyncTimeoutException } from "wavespeed";
import { errorEnvelopeSchema, predictionEnvelopeSchema } from "@/lib/contract";
import { type FakeWavespeed, startFakeWavespeed } from "@/testing/fake-wavespeed/server";
import { E2E_PORTS, FAKE_API_KEY } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { FAST, MODEL_ID, rejection, sdkFor } from "./sdk";

/**
 * What needs a playground of its own: a sync wait shorter than a slow task, and an upstream that
 * rejects the key. The fake upstream runs in this worker; the playgrounds are real `next start`s.
 */
test.describe.configure({ mode: "serial" });

let fake: FakeWavespeed;
const started: ServerProcess[] = [];
test.beforeAll(async () => {
  fake = await startFakeWavespeed({ port: E2E_PORTS.servedUpstream, apiKey: FAKE_API_KEY, defaultDurationMs: 400 });
});
test.afterAll(async () => {
  for (const server of started) await server.stop("SIGKILL");
  await fake?.close();
});

async function playground(port: number, name: string, env: Record<string, string> = {}) {
  const server = await startPlayground({
    port,
    env: {
      KONTEXT_ENGINE: "wavespeed",
      WAVESPEED_API_KEY: FAKE_API_KEY,
      WAVESPEED_BASE_URL: fake.url,
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, name),
      ...env,
    },
  });
  started.push(server);
  return server;
}

test("sync mode answers 504 with the task's id and urls.get when the task outlasts SYNC_MODE_TIMEOUT_MS; it still completes", async () => {
  test.setTimeout(120_000);
  const server = await playground(E2E_PORTS.served, "served-sync", { SYNC_MODE_TIMEOUT_MS: "1500" });
  const client = sdkFor(server.url);

  const thrown = await rejection(
    client.run(MODEL_ID, { prompt: "a slow tide [duration:6000]" }, { ...FAST, enableSyncMode: true }),
  );
  expect(thrown).toBeInstanceOf(WavespeedSubmissionException);
  expect(thrown.message).toContain("HTTP 504");

  const result = await client.runNoThrow(
    MODEL_ID,
    { prompt: "a slower tide [duration:6000]" },
    { ...FAST, enableSyncMode: true },
  );
  expect(result.outputs).toBeNull();
  expect(result.detail.status).toBe("processing");
  expect(result.detail.error).toBeInstanceOf(WavespeedSyncTimeoutException);
  expect(result.detail.taskId).toMatch(/^[0-9a-f]{32}$/);
  expect(result.detail.resultUrl).toBe(`${server.url}/api/v3/predictions/${result.detail.taskId}/result`);

  // The answer the SDK read those from: a JSON 504 with the task as it stood.
  const raw = await fetch(`${server.url}/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "the slowest tide [duration:6000]", enable_sync_mode: true }),
  });
  expect(raw.status).toBe(504);
  expect(await raw.json()).toMatchObject({
    code: 504,
    error_code: "sync_timeout",
    data: { status: expect.stringMatching(/created|processing/) },
  });

  await expect
    .poll(async () => predictionEnvelopeSchema.parse(await (await fetch(result.detail.resultUrl!)).json()).data.status, {
      timeout: 60_000,
      intervals: [250, 500, 1000],
    })
    .toBe("completed");
});

test("a key the upstream rejects: submits are refused with 401 at once, and accepted again once it is taken", async () => {
  test.setTimeout(120_000);
  // Started with a key the upstream does not know: the start-up probe learns it before any submit.
  const rejected = await playground(E2E_PORTS.servedRejected, "served-rejected", { WAVESPEED_API_KEY: "ws-revoked-key" });
  const error = await rejection(sdkFor(rejected.url).run(MODEL_ID, { prompt: "never sent" }, FAST));
  expect(error).toBeInstanceOf(WavespeedSubmissionException);
  expect(error.message).toContain("HTTP 401");
  const response = await fetch(`${rejected.url}/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "never sent either" }),
  });
  expect(response.status).toBe(401);
  expect(errorEnvelopeSchema.parse(await response.json())).toMatchObject({ code: 401, error_code: "upstream_auth" });
  const history = await (await fetch(`${rejected.url}/api/predictions`)).json();
  expect(history.items).toEqual([]);
  expect(fake.requests.filter((r) => r.method === "POST").map((r) => r.prompt)).not.toContain("never sent");

  // The upstream now takes that key: a probe (at most one every few seconds) opens the way again.
  fake.control({ apiKey: "ws-revoked-key" });
  const client = sdkFor(rejected.url);
  let outputs: unknown[] | null = null;
  await expect
    .poll(
      async () => {
        outputs ??= (await client.runNoThrow(MODEL_ID, { prompt: "after the key was fixed" }, FAST)).outputs;
        return outputs?.length ?? 0;
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(1);
  fake.control({ apiKey: FAKE_API_KEY });
});
