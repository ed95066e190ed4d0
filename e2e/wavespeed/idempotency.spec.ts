import { expect, test } from "@playwright/test";
import { predictionViewSchema } from "@/lib/playground-api";
import { postAndHangUp } from "@/testing/raw-http";
import { uniqueToken, upstreamCalls, waitForTerminal } from "./upstream";

test("a submit retried after its answer was lost is sent to WaveSpeed once, and paid once", async ({ baseURL, request }) => {
  const token = uniqueToken("idempotent");
  const prompt = `a lighthouse ${token}`;
  const key = `k-${token}`;
  await postAndHangUp(Number(new URL(baseURL!).port), "/api/predictions", { prompt }, { "Idempotency-Key": key });
  const retried = predictionViewSchema.parse(
    await (await request.post("/api/predictions", { data: { prompt }, headers: { "Idempotency-Key": key } })).json(),
  );
  expect((await waitForTerminal(request, retried.id)).status).toBe("completed");
  expect((await upstreamCalls(token)).submits).toHaveLength(1);
});
