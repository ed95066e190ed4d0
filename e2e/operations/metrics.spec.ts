import path from "node:path";
import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema } from "@/lib/contract";
import { predictionViewSchema } from "@/lib/playground-api";
import { E2E_PORTS } from "@/testing/ports";
import { sampleValue } from "@/testing/prometheus-text";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

const OWNER = "metrics-owner-token-4c1f9a";
const SCRAPER = "metrics-scraper-token-77e02b";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let server: ServerProcess | undefined;
test.afterEach(async () => server?.stop());

test("/metrics serves Prometheus text to the owner and to METRICS_TOKEN, 401 to a guest; the token opens nothing else", async () => {
  test.setTimeout(120_000);
  server = await startPlayground({
    port: E2E_PORTS.metrics,
    env: {
      KONTEXT_ENGINE: "local",
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, "metrics"),
      ACCESS_TOKEN: OWNER,
      METRICS_TOKEN: SCRAPER,
    },
  });
  const { url } = server;

  const guest = await fetch(`${url}/metrics`);
  expect(guest.status).toBe(401);
  expect(guest.headers.get("www-authenticate")).toMatch(/^Bearer/);
  expect(errorEnvelopeSchema.parse(await guest.json())).toMatchObject({ error_code: "unauthorized" });
  expect((await fetch(`${url}/api/predictions`, { headers: bearer(SCRAPER) })).status).toBe(401);
  expect((await fetch(`${url}/metrics`, { headers: bearer(OWNER) })).status).toBe(200);

  // A run, and an event stream held open: the scraper sees both.
  const submitted = await fetch(`${url}/api/predictions`, {
    method: "POST",
    headers: { ...bearer(OWNER), "content-type": "application/json" },
    body: JSON.stringify({ prompt: "a paper boat on a pond", num_images: 2 }),
  });
  const { id } = predictionViewSchema.parse(await submitted.json());
  const events = new AbortController();
  const stream = await fetch(`${url}/api/events`, { headers: bearer(OWNER), signal: events.signal });
  expect(stream.status).toBe(200);

  const scrape = async () => {
    const response = await fetch(`${url}/metrics`, { headers: bearer(SCRAPER) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  await expect
    .poll(async () => sampleValue(await scrape(), "kontext_runs_total", { engine: "local", status: "completed" }), {
      timeout: 30_000,
    })
    .toBe(1);
  const text = await scrape();
  expect(sampleValue(text, "kontext_event_stream_clients")).toBe(1);
  expect(sampleValue(text, "kontext_disk_reserve_held")).toBe(1);
  expect(sampleValue(text, "kontext_storage_used_bytes")).toBeGreaterThan(0);
  expect(sampleValue(text, "kontext_upstream_request_duration_seconds_count", { operation: "submit", outcome: "ok" })).toBe(1);
  expect(sampleValue(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
  // No budget and no storage limit here: their gauges are left out rather than shown as zero.
  expect(sampleValue(text, "kontext_budget_left_usd")).toBeUndefined();
  expect(sampleValue(text, "kontext_storage_limit_bytes")).toBeUndefined();
  expect(text).not.toContain(id);
  events.abort();
});
