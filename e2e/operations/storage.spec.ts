import path from "node:path";
import { expect, test } from "@playwright/test";
import { axeViolations } from "@/e2e/pages/axe";
import { errorEnvelopeSchema } from "@/lib/contract";
import { E2E_PORTS } from "@/testing/ports";
import { sampleValue } from "@/testing/prometheus-text";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

let server: ServerProcess | undefined;
test.afterEach(async () => server?.stop());

const dataDir = () => path.join(process.env.E2E_DATA_ROOT!, "storage");
const start = async (extra: Record<string, string>) => {
  server = await startPlayground({ port: E2E_PORTS.storage, env: { KONTEXT_ENGINE: "local", DATA_DIR: dataDir(), ...extra } });
  return server.url;
};
const measured = (url: string) =>
  expect.poll(async () => sampleValue(await (await fetch(`${url}/metrics`)).text(), "kontext_storage_used_bytes"), {
    timeout: 30_000,
  });

test("the Storage panel shows the space used, what retention keeps and the next purge; past MAX_STORAGE_GB new runs get a 507", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // First without a limit, to learn what this data folder takes.
  let url = await start({});
  await measured(url).toBeGreaterThan(0);
  const used = sampleValue(await (await fetch(`${url}/metrics`)).text(), "kontext_storage_used_bytes")!;
  await page.goto(`${url}/history`);
  const panel = page.getByRole("region", { name: "Storage" });
  await expect(panel.getByTestId("storage-used")).toContainText("no limit: MAX_STORAGE_GB is not set");
  await expect(panel.getByTestId("storage-kept")).toHaveText("Every run, until you delete it (RETENTION_DAYS is not set)");
  await expect(panel.getByTestId("storage-next-purge")).toHaveText("None");
  await expect(page.getByTestId("storage-warning")).toHaveCount(0);
  await server!.stop();

  // A limit the data takes 95 % of: a warning where the owner looks first, and retention's plan.
  url = await start({ MAX_STORAGE_GB: String(used / 0.95 / 1e9), RETENTION_DAYS: "30" });
  await measured(url).toBeGreaterThan(0);
  // In the playground, where runs are made, and on history beside the Storage panel.
  await page.goto(url);
  const warning = page.getByTestId("storage-warning");
  await expect(warning).toContainText(/Storage is 9\d % full: past 100 % new runs are refused/);
  await expect(warning.getByRole("link", { name: "Storage" })).toHaveAttribute("href", "/history#storage-heading");
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(`${url}/history`);
  await expect(warning).toContainText(/Storage is 9\d % full: past 100 % new runs are refused/);
  await expect(panel.getByRole("meter", { name: "Storage used" })).toBeVisible();
  await expect(panel.getByTestId("storage-kept")).toContainText(
    "Runs of the last 30 days; of older ones, 0 runs starred, with a note, or leading to one",
  );
  await expect(panel.getByTestId("storage-next-purge")).toContainText("0 runs past 30 days");
  expect(await axeViolations(page)).toEqual([]);
  const metrics = await (await fetch(`${url}/metrics`)).text();
  expect(sampleValue(metrics, "kontext_storage_warning")).toBe(1);
  expect(sampleValue(metrics, "kontext_storage_full")).toBe(0);
  await server!.stop();

  // Past the limit: new runs are refused with the 507 envelope, and the panel says so.
  url = await start({ MAX_STORAGE_GB: String(used / 2 / 1e9) });
  await measured(url).toBeGreaterThan(0);
  const refused = await fetch(`${url}/api/predictions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "one more" }),
  });
  expect(refused.status).toBe(507);
  expect(errorEnvelopeSchema.parse(await refused.json())).toMatchObject({
    error_code: "storage_full",
    message: expect.stringMatching(/MAX_STORAGE_GB/),
  });
  await page.goto(url);
  await expect(warning).toContainText("Storage is full");
  await page.goto(`${url}/history`);
  await expect(warning).toContainText("Storage is full");
  expect(sampleValue(await (await fetch(`${url}/metrics`)).text(), "kontext_storage_full")).toBe(1);
});
