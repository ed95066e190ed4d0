import path from "node:path";
import { expect, test } from "@playwright/test";
import { rawRequest } from "@/testing/http-client";
import { E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

/**
 * HOST is what `npm start` (scripts/start.sh) binds and what the configuration check reads. These
 * servers are told HOST=0.0.0.0 but still bind 127.0.0.1 (`-H`), so no test ever listens beyond loopback.
 */
test.describe.configure({ mode: "serial" });
let server: ServerProcess | undefined;
test.afterEach(async () => server?.stop());

const env = (extra: Record<string, string>) => ({
  KONTEXT_ENGINE: "local",
  DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, "startup"),
  ...extra,
});

test("a non-loopback HOST without ACCESS_TOKEN stops the server at start, with a message naming ACCESS_TOKEN", async () => {
  const attempt = startPlayground({ port: E2E_PORTS.startup, env: env({ HOST: "0.0.0.0" }) });
  await expect(attempt).rejects.toThrow(
    /exited early[\s\S]*ACCESS_TOKEN must be set[\s\S]*HOST=0\.0\.0\.0[\s\S]*ALLOW_ANONYMOUS=1/,
  );
  await expect(rawRequest(`http://127.0.0.1:${E2E_PORTS.startup}/api/health`)).rejects.toThrow(/ECONNREFUSED/);
});

test("ALLOW_ANONYMOUS=1 says the owner means it: the server starts", async () => {
  server = await startPlayground({ port: E2E_PORTS.startup, env: env({ HOST: "0.0.0.0", ALLOW_ANONYMOUS: "1" }) });
  expect((await rawRequest(`${server.url}/api/predictions`)).status).toBe(200);
});
