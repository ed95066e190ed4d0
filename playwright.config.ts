import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./testing/chromium";
import { E2E_ACCESS_TOKEN, E2E_PORTS, FAKE_API_KEY } from "./testing/ports";
import { webServerEnv } from "./testing/server-env";

// Each run starts from empty data; workers inherit the folder through the env. `npm test` makes it and
// removes it once Playwright has stopped the servers writing into it; a run started by hand gets a
// folder of its own, which testing/e2e-teardown.ts removes.
if (!process.env.E2E_DATA_ROOT) {
  process.env.E2E_DATA_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), "kontext-e2e-"));
  process.env.E2E_DATA_ROOT_OWNED = "1";
}
const dataRoot = process.env.E2E_DATA_ROOT;

// Each server gets exactly these variables: none of the runner's own (DATABASE_URL, S3_*, ACCESS_TOKEN...).
const serverEnv = (extra: Record<string, string>) =>
  webServerEnv({
    // The suites submit far faster than a person; the limit itself is tested in e2e/access.
    SUBMITS_PER_MINUTE: "10000",
    ...extra,
  });

// The front door `npm start` runs (server.ts), from the build, on loopback.
const frontDoor = (port: number) => `PORT=${port} NODE_ENV=production node --import tsx server.ts --hostname 127.0.0.1`;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  globalTeardown: "./testing/e2e-teardown.ts",
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    {
      name: "local",
      testIgnore: ["wavespeed/**", "access/**", "scale/**"],
      use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${E2E_PORTS.local}` },
    },
    {
      name: "wavespeed",
      testMatch: "wavespeed/**/*.spec.ts",
      use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${E2E_PORTS.wavespeed}` },
    },
    {
      // Two instances on real PostgreSQL and S3 (Swift), started by the specs themselves.
      name: "scale",
      testMatch: "scale/**/*.spec.ts",
    },
    {
      name: "access",
      testMatch: "access/**/*.spec.ts",
      use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${E2E_PORTS.access}` },
    },
  ],
  webServer: [
    {
      command: frontDoor(E2E_PORTS.local),
      url: `http://127.0.0.1:${E2E_PORTS.local}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      // TRUST_PROXY: the contract spec checks links built from X-Forwarded-Host, which counts only behind a proxy.
      // WEBHOOK_ALLOW_PRIVATE: webhook receivers in the specs listen on 127.0.0.1, which only this flag lets through.
      env: serverEnv({
        KONTEXT_ENGINE: "local",
        TRUST_PROXY: "1",
        WEBHOOK_ALLOW_PRIVATE: "1",
        DATA_DIR: path.join(dataRoot, "local"),
      }),
    },
    {
      command: `npx tsx testing/fake-wavespeed/cli.ts --port ${E2E_PORTS.fakeUpstream} --api-key ${FAKE_API_KEY}`,
      url: `http://127.0.0.1:${E2E_PORTS.fakeUpstream}/__requests`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      env: webServerEnv({}),
    },
    {
      command: frontDoor(E2E_PORTS.wavespeed),
      url: `http://127.0.0.1:${E2E_PORTS.wavespeed}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: serverEnv({
        KONTEXT_ENGINE: "wavespeed",
        WAVESPEED_API_KEY: FAKE_API_KEY,
        WAVESPEED_BASE_URL: `http://127.0.0.1:${E2E_PORTS.fakeUpstream}`,
        WAVESPEED_MAX_CONCURRENCY: "3",
        // The fake upstream delivers signed webhooks here; polling stays on as the safety net.
        PUBLIC_URL: `http://127.0.0.1:${E2E_PORTS.wavespeed}`,
        WAVESPEED_WEBHOOKS: "on",
        DATA_DIR: path.join(dataRoot, "wavespeed"),
      }),
    },
    {
      command: frontDoor(E2E_PORTS.access),
      url: `http://127.0.0.1:${E2E_PORTS.access}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: serverEnv({
        KONTEXT_ENGINE: "local",
        ACCESS_TOKEN: E2E_ACCESS_TOKEN,
        SUBMITS_PER_MINUTE: "60",
        DATA_DIR: path.join(dataRoot, "access"),
      }),
    },
  ],
});
