import { expect, test } from "@playwright/test";
import { historyPageSchema, predictionViewSchema } from "@/lib/playground-api";
import { postAndHangUp } from "@/testing/raw-http";
import { uniqueToken, upstreamCalls, waitForTerminal } from "./upstream";

test("a submit retried after its answer was lost is sent to WaveSpeed once, and paid once", async ({ baseURL, request }) => {
  const token = uniqueToken("idempotent");
  const prompt = `a lighthouse ${token}`;
  const key = `k-${token}`;
  await postAndHangUp(Number(new URL(baseURL!).port), "/api/predictions", { prompt }, { "Idempotency-Key": key });
  // The lost answer's prediction exists, so the retry can only find it or make a second.
  const made = async () =>
    historyPageSchema.parse(await (await request.get(`/api/predictions?q=${encodeURIComponent(token)}`)).json()).items;
  await expect.poll(async () => (await made()).length).toBe(1);
  const retried = predictionViewSchema.parse(
    await (await request.post("/api/predictions", { data: { prompt }, headers: { "Idempotency-Key": key } })).json(),
  );
  expect(retried.id).toBe((await made())[0].id);
  expect((await waitForTerminal(request, retried.id)).status).toBe("completed");
  expect((await upstreamCalls(token)).submits).toHaveLength(1);
});
