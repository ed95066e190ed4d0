import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serveOnLoopback, submitBody } from "@/testing/harness";
import { expectAuthorized, expectImagesLoad, KEY, type Kit, settle, startKit, uniqueToken } from "@/testing/wavespeed-test-kit";
import { WEBHOOK_SECRET_PATH } from "../engines/wavespeed/webhook";
import { isAppError } from "../errors";
import type { PredictionService } from "../predictions/service";

/**
 * Webhooks into the service, through a receiver that does what the route does:
 * PredictionService.receiveWebhook with the WaveSpeed inbox, which verifies with
 * the account secret fetched from the upstream; 401 when the signature is wrong.
 * (The Next route itself is covered by e2e/wavespeed.)
 */
let kit: Kit;
let receiver: Awaited<ReturnType<typeof serveOnLoopback>>;
let target: PredictionService | undefined;
const answered: Array<{ upstreamId: string; status: number }> = [];

beforeAll(async () => {
  kit = await startKit();
  receiver = await serveOnLoopback(async (req, res) => {
    let rawBody = "";
    for await (const chunk of req) rawBody += chunk;
    const headers = new Headers(Object.entries(req.headers).map(([name, value]): [string, string] => [name, String(value)]));
    const status = await target!.receiveWebhook(headers, rawBody).then(
      () => 200,
      (error: unknown) => (isAppError(error) ? error.status : 500),
    );
    answered.push({ upstreamId: (JSON.parse(rawBody) as { id: string }).id, status });
    res.writeHead(status).end();
  });
});
afterEach(async () => expect(await kit.everythingStored()).not.toContain(KEY));
afterAll(async () => {
  await kit.close();
  await receiver.close();
});

const hookUrl = () => `${receiver.url}/api/webhooks/wavespeed`;
/** The safety-net poll after the first look is a minute away: only a webhook can finish the task in time. */
const WEBHOOK_ONLY = { firstPollMs: 5, intervalMs: 60_000, maxGapMs: 60_000 };

async function generate(directives: string, schedule = WEBHOOK_ONLY) {
  const token = uniqueToken("hook");
  const made = kit.predictions({ webhookUrl: hookUrl(), schedule });
  target = made.service;
  const record = await submitBody(made.service, { prompt: `${token} ${directives}` });
  const done = await settle(made.service, record.id);
  return { ...made, done, upstream: kit.calls(token) };
}

describe("a prediction finished by a webhook", () => {
  it("completes from the signed delivery, with one poll only", async () => {
    const { done, service, upstream } = await generate("[duration:1000]");
    expect(done).toMatchObject({ status: "completed", error: "" });
    await expectImagesLoad(service, done.id, 1);
    expect(upstream.submits).toHaveLength(1);
    expect(upstream.submits[0].query).toEqual({ webhook: hookUrl() });
    expect(upstream.polls).toHaveLength(1);
    expectAuthorized(upstream);

    const [task] = upstream.tasks;
    // The fake notes our answer once it arrives, a moment after the prediction completed.
    await expect
      .poll(() => kit.fake.webhooks.filter((hook) => hook.taskId === task.id), { timeout: 20_000 })
      .toMatchObject([{ url: hookUrl(), forged: false, status: 200 }]);
    const secretFetches = kit.fake.requests.filter((request) => request.path === WEBHOOK_SECRET_PATH);
    expect(secretFetches.length).toBeGreaterThan(0);
    for (const fetched of secretFetches) expect(fetched.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("fails from a delivery that reports a failed task, with the upstream's words and its task code", async () => {
    const { done, upstream } = await generate("[duration:1000,fail:1403]");
    expect(done.status).toBe("failed");
    // The bare task object of a webhook has no task code: one poll after the delivery fetches it.
    expect(done.error).toContain("(code 1403)");
    expect(done.error).toContain("The simulated task failed");
    expect(upstream.polls).toHaveLength(2);
  });

  it("ignores a forged delivery (401) and still completes through the poll", async () => {
    const { done, service, upstream } = await generate("[duration:300,webhook-forged]", {
      firstPollMs: 5,
      intervalMs: 250,
      maxGapMs: 250,
    });
    expect(done.status).toBe("completed");
    await expectImagesLoad(service, done.id, 1);
    const [task] = upstream.tasks;
    await expect
      .poll(() => kit.fake.webhooks.find((hook) => hook.taskId === task.id), { timeout: 20_000 })
      .toMatchObject({
        forged: true,
        status: 401,
      });
    expect(answered.filter((hook) => hook.upstreamId === task.id)).toEqual([{ upstreamId: task.id, status: 401 }]);
    // Only polls can have completed it: the delivery was refused before reaching the tracker.
    expect(upstream.polls.length).toBeGreaterThanOrEqual(1);
  });

  it("answers false for a task that is not ours", async () => {
    const { tracker } = kit.predictions({ webhookUrl: hookUrl() });
    expect(await tracker.notify("not-a-task-of-ours", { status: "completed", outputs: [], error: "", inferenceMs: 0 })).toBe(
      false,
    );
  });
});
