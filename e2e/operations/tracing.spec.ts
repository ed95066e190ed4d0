import path from "node:path";
import { expect, test } from "@playwright/test";
import { predictionViewSchema } from "@/lib/playground-api";
import { startOtlpReceiver } from "@/testing/otlp-receiver";
import { E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

let server: ServerProcess | undefined;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;
test.afterEach(async () => {
  await server?.stop();
  await receiver?.close();
});

test("with OTEL_EXPORTER_OTLP_ENDPOINT, a submit's spans reach the collector: the route, each upstream call, the mirror, each store write", async () => {
  test.setTimeout(120_000);
  receiver = await startOtlpReceiver();
  server = await startPlayground({
    port: E2E_PORTS.tracing,
    env: {
      KONTEXT_ENGINE: "local",
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, "tracing"),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: "kontext-e2e",
    },
  });
  const submitted = await fetch(`${server.url}/api/predictions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "a lighthouse in a storm", num_images: 2 }),
  });
  const { id } = predictionViewSchema.parse(await submitted.json());
  await expect
    .poll(async () => predictionViewSchema.parse(await (await fetch(`${server!.url}/api/predictions/${id}`)).json()).status, {
      timeout: 30_000,
    })
    .toBe("completed");

  const spans = receiver.spans;
  const named = (name: string) => spans.filter((span) => span.name === name);
  await expect
    .poll(() => named("mirror").filter((span) => span.attributes["kontext.run"] === id).length, { timeout: 30_000 })
    .toBe(1);
  // Next's own span for the route, from its instrumentation.
  const route = spans.find((span) => span.attributes["next.route"] === "/api/predictions" && span.name.startsWith("POST"));
  expect(route, spans.map((span) => span.name).join(", ")).toBeDefined();
  expect(route!.service).toBe("kontext-e2e");
  const submit = named("upstream submit").find((span) => span.attributes["kontext.upstream.key"] === id);
  expect(submit).toBeDefined();
  // The submit upstream starts inside the request's context: one trace from the route to the engine.
  expect(submit!.traceId).toBe(route!.traceId);
  expect(named("upstream get_state").length).toBeGreaterThan(0);
  expect(named("store images put").length).toBeGreaterThanOrEqual(2);
  expect(named("store database create").some((span) => span.traceId === route!.traceId)).toBe(true);
  expect(named("store database complete").length).toBeGreaterThan(0);
});
