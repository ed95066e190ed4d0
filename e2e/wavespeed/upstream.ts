import { type APIRequestContext, expect } from "@playwright/test";
import { SUBMIT_PATH } from "@/lib/contract";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { E2E_PORTS, FAKE_API_KEY } from "@/testing/ports";

/**
 * The fake WaveSpeed upstream the "wavespeed" playground talks to, seen
 * through its test-only API. It is shared by every wavespeed spec, so each
 * test puts a token of its own in its prompts and filters by it.
 */
export const FAKE_URL = `http://127.0.0.1:${E2E_PORTS.fakeUpstream}`;
export const WEBHOOK_PATH = "/api/webhooks/wavespeed";
export { FAKE_API_KEY, SUBMIT_PATH };

export const uniqueToken = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export type UpstreamRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  prompt?: string;
  taskId?: string;
};
export type Delivery = { taskId: string; url: string; forged: boolean; status?: number; error?: string };

const fakeJson = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${FAKE_URL}${path}`);
  expect(response.ok, `fake upstream ${path}`).toBe(true);
  return (await response.json()) as T;
};

/** What the upstream received for one token: submits, result polls, and the task it created. */
export async function upstreamCalls(token: string) {
  const requests = await fakeJson<UpstreamRequest[]>(`/__requests?prompt=${encodeURIComponent(token)}`);
  const submits = requests.filter((r) => r.method === "POST" && r.path === SUBMIT_PATH);
  return {
    submits,
    polls: requests.filter((r) => r.method === "GET" && /^\/api\/v3\/predictions\/[^/]+\/result$/.test(r.path)),
    taskId: submits.find((r) => r.taskId)?.taskId,
  };
}

export const webhookDeliveries = (taskId: string) =>
  fakeJson<Delivery[]>("/__webhooks").then((all) => all.filter((delivery) => delivery.taskId === taskId));

/** Submits through the playground's own API, as its page does. */
export async function submit(request: APIRequestContext, body: Record<string, unknown>): Promise<PredictionView> {
  const response = await request.post("/api/predictions", { data: body });
  expect(response.status()).toBe(201);
  return predictionViewSchema.parse(await response.json());
}

/** Submits through the playground's API and waits until the run has completed, its images stored. */
export async function completedRun(request: APIRequestContext, body: Record<string, unknown>): Promise<PredictionView> {
  const view = await waitForTerminal(request, (await submit(request, body)).id, 15_000);
  expect(view.status).toBe("completed");
  return view;
}

export async function waitForTerminal(request: APIRequestContext, id: string, timeoutMs = 30_000): Promise<PredictionView> {
  let view: PredictionView | undefined;
  await expect
    .poll(
      async () => {
        view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${id}`)).json());
        return view.status;
      },
      { timeout: timeoutMs, intervals: [100, 250, 500] },
    )
    .toMatch(/^(completed|failed)$/);
  return view!;
}
