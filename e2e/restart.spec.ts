import path from "node:path";
import { expect, test } from "@playwright/test";
import { predictionEnvelopeSchema } from "@/lib/contract";
import { E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

const SUBMIT = "/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image";
let server: ServerProcess | undefined;
test.afterEach(async () => server?.stop("SIGKILL"));

async function submit(url: string, body: object) {
  const response = await fetch(url + SUBMIT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return predictionEnvelopeSchema.parse(await response.json()).data;
}

async function result(url: string, id: string) {
  return predictionEnvelopeSchema.parse(await (await fetch(`${url}/api/v3/predictions/${id}/result`)).json()).data;
}

async function waitForAll(url: string, ids: string[]) {
  await expect
    .poll(async () => (await Promise.all(ids.map((id) => result(url, id)))).map((data) => data.status), { timeout: 30_000 })
    .toEqual(ids.map(() => "completed"));
}

test("a crash loses nothing: in-flight predictions resume and share links keep working", async ({ browser }) => {
  test.setTimeout(120_000);
  const env = { KONTEXT_ENGINE: "local", DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, "restart") };
  server = await startPlayground({ port: E2E_PORTS.restart, env });

  const finished = await submit(server.url, { prompt: "harbour at night with a red moon", seed: 4242, aspect_ratio: "16:9" });
  await waitForAll(server.url, [finished.id]);
  const inFlight = await Promise.all(
    [1, 2, 3].map((n) => submit(server!.url, { prompt: `mountain lake number ${n}`, num_images: 4 })),
  );
  const before = await Promise.all(inFlight.map((data) => result(server!.url, data.id)));
  expect(before.some((data) => data.status !== "completed")).toBe(true);
  await server.stop("SIGKILL");

  server = await startPlayground({ port: E2E_PORTS.restart, env });
  await waitForAll(
    server.url,
    inFlight.map((data) => data.id),
  );
  for (const data of inFlight) expect((await result(server.url, data.id)).outputs).toHaveLength(4);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/p/${finished.id}`);
  await expect(page.getByText("harbour at night with a red moon").first()).toBeVisible();
  await expect(page.getByText("4242").first()).toBeVisible();
  const image = page.locator("img[src*='/api/images/']").first();
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1392);
  await context.close();
});
