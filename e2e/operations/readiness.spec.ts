import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

let server: ServerProcess | undefined;
test.afterEach(async () => server?.stop("SIGKILL"));

const ready = async (url: string) => {
  const response = await fetch(`${url}/api/ready`);
  return { status: response.status, ...((await response.json()) as { ready: boolean; reasons: string[] }) };
};

test("/api/ready answers 503 while DATA_DIR cannot be reached and once SIGTERM comes, while /api/health stays live", async () => {
  test.setTimeout(120_000);
  const dataDir = path.join(process.env.E2E_DATA_ROOT!, "readiness");
  server = await startPlayground({
    port: E2E_PORTS.readiness,
    // The drain keeps serving after SIGTERM, so a load balancer reads the 503 before connections are refused.
    env: { KONTEXT_ENGINE: "local", DATA_DIR: dataDir, SHUTDOWN_DRAIN_MS: "8000" },
  });
  const { url } = server;
  expect(await ready(url)).toEqual({ status: 200, ready: true, reasons: [] });

  // The disk under DATA_DIR gone (unmounted, say): not ready, though alive.
  fs.renameSync(dataDir, `${dataDir}-away`);
  expect(await ready(url)).toEqual({ status: 503, ready: false, reasons: ["storage"] });
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  fs.renameSync(`${dataDir}-away`, dataDir);
  expect(await ready(url)).toEqual({ status: 200, ready: true, reasons: [] });

  const exited = new Promise<void>((resolve) => server!.process.once("exit", () => resolve()));
  server.process.kill("SIGTERM");
  await expect.poll(async () => (await ready(url)).reasons, { timeout: 10_000 }).toEqual(["stopping"]);
  expect((await ready(url)).status).toBe(503);
  // Still serving while it drains: a request in this window is answered, not refused.
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  await exited;
});
